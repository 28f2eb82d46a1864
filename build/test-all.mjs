#!/usr/bin/env node
// `npm test`: every test. Installs dependencies on first run, typechecks, lints, checks the Electron
// configuration with Electronegativity, runs the unit and
// integration tests (vitest) and the end-to-end tests (Playwright in Debian's Chromium, browser shell).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensurePostgres } from './ensure-system.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (label, cmd, args, env = {}) => {
  process.stderr.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`\n${label} gagal (kode ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
};

if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  run('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}
if (!ensureChromium({ withTestTools: true })) {
  process.stderr.write('Chromium atau poppler-utils tidak tersedia dan tidak dapat dipasang: jalankan `apt-get install -y chromium poppler-utils` sebagai root.\n');
  process.exit(1);
}
const pg = ensurePostgres();
if (pg) process.env.TEST_DATABASE_URL = pg;
else process.stderr.write('PERINGATAN: PostgreSQL tidak tersedia; pengujian server sinkronisasi dengan PostgreSQL dilewati (CI selalu menjalankannya).\n');
run('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
// Electron hardening (issue 10): clean, or every remaining finding justified in electronegativity-justified.json.
run('electronegativity', process.execPath, ['build/electronegativity.mjs']);
run('build', process.execPath, ['build/build.mjs', '--quiet']);
run('unit + integration (vitest)', process.execPath, ['node_modules/vitest/vitest.mjs', 'run']);
run('end-to-end (Playwright, Chromium)', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']);
