/**
 * The supervisor's security alerts (issue 10): a staff account created under a helpdesk officer's identity
 * (what a tampered workstation or stolen files would produce) is kept in the log but applied nowhere; the
 * supervisor is told on the dashboard and finds it under "Peringatan Keamanan" with the device and the actor, and the account cannot
 * sign in. The record is written beforehand by the backend itself, past the dispatcher's role check, as a
 * modified app would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { newDataDir, signIn, startShell, SUPERVISOR } from './shell';

test('a denied account creation is shown to the supervisor as a security alert and cannot sign in', async ({ page }) => {
  const dataDir = newDataDir('security');
  // Inside the project, so the bundle's imports resolve from its node_modules.
  fs.mkdirSync('test-results', { recursive: true });
  const script = path.join(fs.mkdtempSync(path.resolve('test-results', 'fixture-')), 'denied-account.mjs');
  await build({
    entryPoints: ['tests/e2e/fixtures/denied-account.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: script,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const denied = execFileSync(process.execPath, [script, dataDir, SUPERVISOR.username, SUPERVISOR.name, SUPERVISOR.password], {
    env: { ...process.env, LPSE_LOG: 'silent' },
    encoding: 'utf8',
  });
  expect(denied.trim()).toBe('1');

  const shell = await startShell(dataDir);
  try {
    // The account does not exist: signing in with it fails like any wrong name.
    await page.goto(shell.url);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.locator('input').nth(0).focus();
    await page.keyboard.type('penyusup');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sandi-petugas-2026');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Nama pengguna atau kata sandi salah.')).toBeVisible();

    await signIn(page, shell.url);
    // The dashboard says there is something to look at, and leads to the list.
    await page.locator('nav.sidebar').getByRole('button', { name: /^Dasbor Supervisor/ }).click();
    await expect(page.getByTestId('dashboard-security')).toContainText('Peringatan keamanan. 1 data tidak berwenang · 0 data ditolak.');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/security-dashboard.png' });
    await page.getByTestId('open-security-alerts').click();
    await expect(page.getByRole('heading', { name: 'Peringatan Keamanan' })).toBeVisible();
    await expect(page.getByTestId('security-counts')).toHaveText('1 data tidak berwenang · 0 data ditolak');
    const row = page.getByTestId('security-alerts').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Membuat akun petugas');
    await expect(row).toContainText('Rina Helpdesk');
    await expect(row).toContainText('Komputer ini');
    await expect(row).toContainText('Tidak diterapkan: Peran pelaku tidak berwenang mencatat data ini.');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/security-alerts.png', fullPage: true });
  } finally {
    await shell.stop();
  }
});
