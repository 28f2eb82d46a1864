/**
 * The supervisor's security alerts (issue 10): a staff account created under a helpdesk officer's identity
 * (what a tampered workstation or stolen files would produce) is kept in the log but applied nowhere; the
 * supervisor finds it under "Peringatan Keamanan" with the device and the actor, and the account cannot
 * sign in. The record is written beforehand by the backend itself, past the dispatcher's role check, as a
 * modified app would.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { createBackend } from '../../backend/app';
import { recordEvents } from '../../backend/record';
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import { uuidv7 } from '../../domain/events/uuidv7';
import { newDataDir, signIn, startShell, SUPERVISOR } from './shell';

test('a denied account creation is shown to the supervisor as a security alert and cannot sign in', async ({ page }) => {
  const dataDir = newDataDir('security');
  const backend = await createBackend({ dataDir, transport: 'browser', sync: false });
  const call = async <M extends MethodName>(m: M, input: InputOf<M>, token: string | null): Promise<OutputOf<M>> => {
    const r = await backend.dispatch(m, input, token);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as OutputOf<M>;
  };
  const setup = await call('auth.setup', { username: SUPERVISOR.username, displayName: SUPERVISOR.name, password: SUPERVISOR.password }, null);
  const helpdesk = await call('users.create', { username: 'helpdesk1', displayName: 'Rina Helpdesk', roles: ['helpdesk'], password: 'sandi-petugas-2026' }, setup.token);
  const rogue = await recordEvents(backend.ctx, helpdesk.id, [
    { type: 'user.created', aggregateId: uuidv7(Date.now()), payload: { username: 'penyusup', displayName: 'Penyusup', roles: ['supervisor', 'sysadmin'], passwordHash: 'scrypt$x' } },
  ]);
  expect(rogue.denied).toBe(1);
  await backend.close();

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
    await page.locator('nav.sidebar').getByRole('button', { name: /^Peringatan Keamanan/ }).click();
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
