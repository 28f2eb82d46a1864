// System packages the app and the tests need, installed on first run where this machine allows it
// (root with apt-get, as on the build machines and CI). Elsewhere it only says what is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });
let aptUpdated = false;

function aptInstall(packages) {
  if (!isRoot || !hasApt) return false;
  if (!aptUpdated) {
    sh('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  return sh('apt-get', ['install', '-y', '-qq', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

/** Chromium (browser shell, end-to-end tests, PDFs) and poppler-utils (PDF read-back in tests). */
export function ensureChromium({ withTestTools = false } = {}) {
  const chromium = process.env.LPSE_CHROMIUM ?? '/usr/bin/chromium';
  const missing = [];
  if (!fs.existsSync(chromium)) missing.push('chromium', 'fonts-dejavu-core');
  if (withTestTools && !fs.existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
  if (missing.length === 0) return true;
  process.stderr.write(`Memasang paket sistem: ${missing.join(' ')}…\n`);
  return aptInstall(missing) && fs.existsSync(chromium);
}

/**
 * PostgreSQL 15 for the tests of the sync server's PostgreSQL backend. Returns a connection URL, or null when
 * PostgreSQL cannot be started here (the caller says so; CI always has it).
 */
export function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (!isRoot) return null;
  if (!fs.existsSync('/usr/bin/pg_ctlcluster') && !aptInstall(['postgresql-15'])) return null;
  sh('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'ignore' });
  for (let i = 0; i < 30; i++) {
    if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0) break;
    spawnSync('sleep', ['1']);
  }
  const role =
    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lpse') THEN CREATE ROLE lpse LOGIN CREATEDB PASSWORD 'lpse'; END IF; END $$;";
  const r = spawnSync('su', ['postgres', '-c', `psql -q -v ON_ERROR_STOP=1 -c "${role.replace(/\$/g, '\\$')}"`], { stdio: 'inherit' });
  return r.status === 0 ? 'postgres://lpse:lpse@127.0.0.1:5432/postgres' : null;
}
