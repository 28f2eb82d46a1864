/**
 * Starts the real browser shell (dist/node/shell.mjs, built by `npm test` before Playwright runs) on its own
 * data folder, and stops it. Tests restart it on the same folder to prove nothing is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

export interface RunningShell {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function newDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lpse-e2e-${name}-`));
}

export async function startShell(dataDir: string, extraArgs: string[] = []): Promise<RunningShell> {
  const child: ChildProcess = spawn(process.execPath, ['dist/node/shell.mjs', '--data-dir', dataDir, '--port', '0', '--no-open', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LPSE_LOG: 'silent' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`shell did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /siap: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`shell exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const SUPERVISOR = { name: 'Hj. Siti Rahmah, S.E.', username: 'kasubbag', password: 'rahasia-123' };

/** First run: creates the supervisor account; later runs: signs in. */
export async function signIn(page: Page, url: string, user = SUPERVISOR): Promise<void> {
  await page.goto(url);
  const setup = page.getByRole('heading', { name: 'Penyiapan awal' });
  const signInHeading = page.getByRole('heading', { name: 'Masuk' });
  await setup.or(signInHeading).waitFor();
  if (await setup.isVisible()) {
    await page.locator('input').nth(0).fill(user.name);
    await page.locator('input').nth(1).fill(user.username);
    await page.locator('input[type=password]').nth(0).fill(user.password);
    await page.locator('input[type=password]').nth(1).fill(user.password);
    await page.getByRole('button', { name: 'Buat akun supervisor' }).click();
  } else {
    await page.locator('input').nth(0).fill(user.username);
    await page.locator('input[type=password]').fill(user.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
  }
  await page.getByTestId('guestbook-ready').waitFor();
}
