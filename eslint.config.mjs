// Lint keeps the code honest (typescript-eslint's type-checked rules: no floating promises, no unused code)
// and the arrows of docs/architecture.md visible (STYLE §3): who may import whom is written here once.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'worker_threads', 'stream', 'zlib'];
const nodeBuiltins = (message) => NODE_BUILTINS.map((name) => ({ name, message }));

const NODE = { group: ['node:*'], message: 'No Node built-ins here.' };
const ELECTRON = { group: ['electron', 'electron/*'], message: 'Electron belongs to electron/ only.' };
const IO_LIBRARIES = { group: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'kysely', 'pg', 'fastify', 'fastify/*', '@fastify/*', 'exceljs', 'playwright-core'], message: 'No I/O libraries here.' };

/**
 * Imports of top-level folders, by relative path: only climbing (`../`) and then the folder's name reaches a
 * top-level folder from anywhere in the tree, so `../../backend/x` matches and `../views/x` never does.
 */
const only = (names, message) => ({ regex: `^(\\.\\./)+(${names.join('|')})(/|$)`, message });
/** The processes: each starts the backend in its own way (docs/architecture.md, Processes). */
const PROCESSES = ['electron', 'shell', 'cli', 'bench'];
const BACKEND = only(['backend'], 'Only the processes (electron/, shell/, cli/, bench/) and tests start or reach the backend.');
const PROCESS_FOLDERS = only(PROCESSES, 'A process is started, never imported by library code.');
const BACKEND_OUT = only(['server', 'renderer'], 'The backend talks to the server over HTTP and to the renderer through the contract.');

/** no-restricted-imports for a set of files: Node built-ins by bare name and the given patterns. */
const restrict = (files, patterns, builtinsMessage = null) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { paths: builtinsMessage ? nodeBuiltins(builtinsMessage) : [], patterns }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/native/**', '.bench-cache/**', '.scratch/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': true, 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Handlers, the sync transport and their fakes implement interfaces that return promises; an `async`
      // body without `await` is how such a method turns a throw into a rejection (ADR 0014).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-debugger': 'error',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    // The rules of hooks (ADR 0014): the React Compiler's extra rules of the plugin's preset are for code the
    // compiler rewrites, which this renderer is not.
    plugins: { 'react-hooks': reactHooks },
    // useLive (renderer/src/live.ts) takes its load function and dependencies as useEffect does, so the
    // plugin checks them at every screen that calls it.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLive$' }] },
  },

  // The boundaries (docs/architecture.md, Layers). A file matched by several blocks gets the last one's list,
  // so each block names everything its folder may not import.
  restrict(['renderer/**/*.ts', 'renderer/**/*.tsx'], [
    NODE, ELECTRON, IO_LIBRARIES,
    only(['db', 'backend', 'server', 'electron', 'trust', 'shell', 'cli', 'bench'], 'The renderer reaches the backend only through the contract (renderer/src/api.ts).'),
  ], 'The renderer never touches Node.'),
  restrict(['domain/**/*.ts', 'contract/**/*.ts'], [
    NODE, ELECTRON, IO_LIBRARIES,
    only(['db', 'backend', 'server', 'electron', 'renderer', 'trust', 'print', 'shell', 'cli', 'bench', 'tests'], 'Pure code depends on nothing outside domain/ and contract/.'),
  ], 'Pure code imports no I/O.'),
  // print/: the templates of printed documents, shared by the backend and (charts) the renderer.
  restrict(['print/**/*.ts'], [ELECTRON, IO_LIBRARIES, BACKEND, PROCESS_FOLDERS, only(['db', 'server', 'renderer', 'trust'], 'Templates only lay out the data they are given.')]),
  // trust/: signatures and keys over Node's crypto, used by the backend, the server and the processes.
  restrict(['trust/**/*.ts'], [ELECTRON, IO_LIBRARIES, BACKEND, PROCESS_FOLDERS, only(['db', 'server', 'renderer', 'print'], 'Trust depends on domain/ only.')]),
  // db/: the event store and projections; it knows the domain, never who calls it.
  restrict(['db/**/*.ts'], [ELECTRON, BACKEND, PROCESS_FOLDERS, only(['server', 'renderer', 'print'], 'The database layer serves the backend; it imports only domain/, contract/ and trust/.')]),
  // server/: the central sync server, a program of its own sharing only the pure code and trust.
  // Its public pages (ADR 0012) lay out their forms with print/'s escaping templates, which are pure.
  restrict(['server/**/*.ts'], [ELECTRON, BACKEND, PROCESS_FOLDERS, only(['db', 'renderer'], 'The sync server shares only domain/, contract/, trust/ and print/ templates with the workstation.')]),
  // backend/: the use cases; started by the processes, never importing them.
  restrict(['backend/**/*.ts'], [PROCESS_FOLDERS, BACKEND_OUT]),
  // A handler is one use case, never another's library: what two share lives in backend/views/ or beside.
  {
    ...restrict(['backend/handlers/*.ts'], [PROCESS_FOLDERS, BACKEND_OUT, { regex: '^\\./', message: 'A handler imports no other handler: move what they share to backend/views/ (docs/architecture.md).' }]),
    ignores: ['backend/handlers/index.ts'],
  },
  // Tests may reach everything; test files next to the code they test are tests too. Vitest's asymmetric
  // matchers (expect.any, expect.stringContaining) and JSON.parse of stored rows are `any` by design: a test
  // checks those values when it runs, so the no-unsafe rules would only ask for casts (ADR 0014).
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
