/**
 * Vitest global setup: every test run gets its own temporary root, and everything the tests create under
 * `os.tmpdir()` (data folders, exports, scratch servers) is removed when the run ends, passed or failed.
 * Tests open hundreds of SQLite folders; left behind, they filled the build machine's disk (26 GB over a
 * few days). Forked workers inherit TMPDIR, so `os.tmpdir()` in a test points inside the run's root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-vitest-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
