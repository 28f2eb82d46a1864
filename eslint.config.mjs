// Lint keeps the process boundaries visible (STYLE §3): the renderer cannot reach Node, Electron, SQLite or
// the database layer; pure domain code imports no I/O at all.
import tseslint from 'typescript-eslint';

const nodeAndIo = [
  { group: ['node:*'], message: 'No Node built-ins here.' },
  { group: ['electron', 'electron/*'], message: 'Electron belongs to electron/ only.' },
  { group: ['better-sqlite3', 'kysely', 'pg', 'fastify', 'fastify/*', 'exceljs', 'playwright-core'], message: 'No I/O libraries here.' },
];
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'worker_threads', 'stream', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/native/**', '.bench-cache/**', '.scratch/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': true, 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      'no-debugger': 'error',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'The renderer never touches Node.' })),
          patterns: [
            ...nodeAndIo,
            { group: ['**/db/*', '**/db', '**/backend/*', '**/backend', '**/server/*', '**/electron/*'], message: 'The renderer reaches the backend only through the contract (renderer/src/api.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts', 'contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'Pure code imports no I/O.' })),
          patterns: [...nodeAndIo, { group: ['**/db/*', '**/backend/*', '**/server/*', '**/electron/*', '**/renderer/*'], message: 'Pure code depends on nothing outside itself.' }],
        },
      ],
    },
  },
);
