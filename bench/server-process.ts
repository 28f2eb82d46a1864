/**
 * The central server as a real process for the sync benches (bench/sync.ts pull load, bench/join.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built server bundle, beside the bench bundle in dist/node. */
export function serverBundle(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.mjs');
}

/**
 * Starts the real server bundle on `dataDir` (SQLite, a free port); resolves with its port once it listens.
 * Its output is read continuously (the pipes never fill) and its tail kept for a failure's report.
 */
export async function startServerProcess(dataDir: string, startTimeoutMs: number): Promise<{ port: number; cpuSeconds: () => number | null; output: () => string; stop: () => Promise<void> }> {
  // With BENCH_CPUPROFILE set (bench/profile.ts) the server profiles itself too: DIR/server/CPU.*.cpuprofile,
  // written when it stops (its main thread and its verify worker, one file each).
  const dir = process.env.BENCH_CPUPROFILE;
  const profile = dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, 'server')}`, '--cpu-prof-interval=200'] : [];
  const child = spawn(process.execPath, [...profile, serverBundle()], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out.slice(-500)}`)));
    setTimeout(() => reject(new Error(`server did not start: ${out.slice(-500)}`)), startTimeoutMs).unref();
  }).catch((err: unknown) => {
    child.kill('SIGTERM'); // never left running (and keeping the bench alive) after a failed start
    throw err;
  });
  // Kept (the tail) for a failure's report; read continuously so the pipes never fill.
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    port,
    output: () => tail,
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** CPU time (user + system) a child process has used so far, from /proc (Linux); null elsewhere. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (3): indexes 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
