/**
 * The real central sync server (dist/node/server.mjs on an SQLite folder) for end-to-end tests with several
 * workstations, and its admin CLI (offices, enrollment codes).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface SyncServerProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSyncServer(dataDir: string, port = 0): Promise<SyncServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['dist/node/server.mjs'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'info' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sync server did not start: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`sync server exited with ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return {
    url,
    port: Number(new URL(url).port),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function admin(dataDir: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['dist/node/server.mjs', ...args, '--json'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>;
}

