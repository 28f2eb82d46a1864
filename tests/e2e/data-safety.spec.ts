/**
 * Issue 15, typed as the supervisor would: Pengaturan → Keamanan Data. A backup on request (Space), the
 * second folder typed and saved (Enter), the database checked; a visit handed over after the backup; the
 * guided restore from that backup (preview names the receipt that will not come back, confirm with Enter),
 * the app carries on on the restored file, and the restore is undone from the same screen. Then the file is
 * cut to zero bytes: the shell starts in recovery mode, where only a system administrator or a head of the
 * unit signs in (checked against the newest readable backup; a helpdesk account and a wrong password are
 * refused in Indonesian) to reach the restore screen, and a backup brings it back to the sign-in. Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, DEMO_PASSWORD, demoDataDir, focused, gotoOnOfficeClock, handedOverVisit, newDataDir, startShell, type RunningShell } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

let shell: RunningShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

async function signInSupervisor(page: Page, url: string) {
  await gotoOnOfficeClock(page, url);
  await page.getByRole('heading', { name: 'Masuk' }).waitFor();
  await page.locator('input').nth(0).fill('kasubbag');
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('guestbook-ready').waitFor();
}

test('Keamanan Data: backup, second copy, verify, guided restore and its undo, typed', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = demoDataDir('datasafety', 12, 2);
  shell = await startShell(dir);
  await signInSupervisor(page, shell.url);

  await page.locator('nav.sidebar').getByRole('button', { name: /^Keamanan Data/ }).click();
  await expect(page.getByRole('heading', { name: 'Keamanan Data', level: 1 })).toBeVisible();
  await expect(page.getByTestId('ds-mode')).toHaveText('Normal');
  await expect(page.getByTestId('ds-encrypted')).toHaveText('Terenkripsi dengan kunci perangkat ini');

  // From the heading (where the app puts the focus), Tab reaches "Cadangkan sekarang"; Space takes a backup.
  await expect.poll(() => focused(page)).toMatch(/^h1/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toContain('#backup-now');
  await page.keyboard.press('Space');
  const rows = page.getByTestId('ds-backup-list').locator('tbody tr');
  // (The one-time encryption of the demo folder left a safety copy too, stamped with the real clock.)
  const manual = rows.filter({ hasText: 'Atas permintaan' });
  await expect(manual).toHaveCount(1);
  await expect(manual.first()).toContainText('Hari ini (4 terakhir)');
  expect(await focused(page)).toContain('#backup-now');
  const backups = await rows.count();

  // Live: a backup taken elsewhere (the automatic one, another window) appears without a reload.
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD });
  await api(shell, 'dataSafety.backupNow', {}, session.token);
  await expect(rows).toHaveCount(backups + 1);

  // The second folder, typed; Enter saves it and copies the newest backup there at once.
  const second = newDataDir('second-copy');
  await page.getByTestId('second-folder').focus();
  await page.keyboard.type(second);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ds-second-dir')).toHaveText(second);
  await expect(page.getByTestId('ds-second-ok')).not.toHaveText('belum pernah');
  expect(fs.readdirSync(second).some((f) => f.endsWith('.sqlite'))).toBe(true);
  // A folder inside the data folder is refused with the reason, in Indonesian.
  await page.getByTestId('second-folder').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(path.join(dir, 'di-dalam'));
  await page.keyboard.press('Enter');
  await expect(page.locator('.field-error')).toHaveText(/di luar folder data/);
  await expect(page.getByTestId('ds-second-dir')).toHaveText(second);

  // Periksa database: Enter, then the result.
  await page.getByTestId('verify-now').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('verify-result')).toContainText('Database utuh', { timeout: 60_000 });
  await shot(page, 'data-safety-1-screen');

  // A visit handed over after the newest backup: its receipt is what a restore would not bring back.
  const visitId = await handedOverVisit(shell, 'Rahmat Hidayat');
  const visit = await api<{ visit: { receiptNo: string } }>(shell, 'visits.get', { visitId }, session.token);
  const receipt = visit.visit.receiptNo;

  // Restore from the newest backup taken on request: Enter on its "Pulihkan…" button.
  const restoreBtn = manual.first().getByRole('button', { name: /Pulihkan dari cadangan/ });
  await restoreBtn.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('restore-preview')).toContainText(`Tanda terima yang tidak akan kembali: ${receipt}`);
  await expect(page.getByTestId('restore-preview')).toContainText('belum pernah terkirim');
  // The decision is where the focus waits.
  await expect.poll(() => focused(page)).toContain('#restore-confirm');
  await shot(page, 'data-safety-2-preview');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('restore-done')).toContainText('Data dipulihkan dari cadangan', { timeout: 60_000 });
  await expect.poll(() => focused(page)).toContain('#restore-done');
  // The running app is on the restored file: the visit handed over after the backup is not there, and the
  // supervisor is still signed in.
  const gone = await fetch(new URL('/api/visits.get', shell.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${/#token=([^&]+)/.exec(shell.url)![1]!}`, 'Content-Type': 'application/json', 'X-Session': session.token },
    body: JSON.stringify({ input: { visitId } }),
  }).then((r) => r.json() as Promise<{ ok: boolean }>);
  expect(gone.ok).toBe(false);
  await expect(page.getByTestId('undo-restore')).toBeVisible();
  await shot(page, 'data-safety-3-restored');

  // Undo from the same screen: Space on "Batalkan pemulihan terakhir…", Enter on the confirmation.
  await page.getByTestId('undo-restore').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => focused(page)).toContain('#restore-confirm');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('restore-done')).toContainText('Pemulihan dibatalkan', { timeout: 60_000 });
  const back = await api<{ visit: { receiptNo: string } }>(shell, 'visits.get', { visitId }, session.token);
  expect(back.visit.receiptNo).toBe(receipt);
});

test('a database that cannot be opened starts the restore screen (recovery mode), not a new install', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = demoDataDir('recovery', 6, 1);
  shell = await startShell(dir);
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD });
  const backup = await api<{ file: string; events: number }>(shell, 'dataSafety.backupNow', {}, session.token);
  await shell.stop();
  // Cut to zero bytes (a failed disk, a copy killed half-way).
  const file = path.join(dir, 'counter.sqlite');
  fs.writeFileSync(file, '');
  for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });

  shell = await startShell(dir);
  await gotoOnOfficeClock(page, shell.url);
  // Nobody restores without signing in (ADR 0024): the staff records of the newest readable backup decide.
  await expect(page.getByRole('heading', { name: 'Mode Pemulihan', level: 1 })).toBeVisible();
  await expect(page.getByTestId('recovery-problems')).toContainText('kosong (0 bita)');
  await expect(page.getByTestId('backup-now')).toHaveCount(0);
  await expect(page.getByTestId('ds-backup-list')).toHaveCount(0);
  await expect.poll(() => focused(page)).toMatch(/^input .*Nama pengguna/);
  // A helpdesk officer's own password does not unlock it.
  await page.keyboard.type('helpdesk1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Hanya administrator sistem, Kepala Bagian, atau Kepala Sub Bagian yang dapat memulihkan data.');
  // The head of the sub-division mistypes the password: refused in Indonesian, the password field emptied.
  await page.getByLabel('Nama pengguna').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('kasubbag');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kata-sandi-keliru');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah.');
  await expect(page.getByLabel('Kata sandi')).toHaveValue('');
  await shot(page, 'data-safety-4a-recovery-sign-in-refused');
  // The focus stays in the password field: the right one is typed again.
  expect(await focused(page)).toMatch(/^input .*Kata sandi/);
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Pemulihan Data', level: 1 })).toBeVisible();
  await expect(page.getByTestId('recovery-user')).toContainText('H. Muhammad Rizali');
  await expect(page.getByTestId('ds-mode')).toHaveText('Mode pemulihan');
  await expect(page.getByText(/aplikasi berjalan dalam mode pemulihan/)).toBeVisible();
  // Neither the set-up of a new office nor the routine parts are offered.
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toHaveCount(0);
  await expect(page.getByTestId('backup-now')).toHaveCount(0);
  await shot(page, 'data-safety-4-recovery');

  const row = page.getByTestId('ds-backup-list').locator(`tbody tr[data-file="${backup.file}"]`);
  await row.getByRole('button', { name: /Pulihkan dari cadangan/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('restore-preview')).toContainText(`berisi ${backup.events.toLocaleString('id-ID')} kejadian`);
  await expect.poll(() => focused(page)).toContain('#restore-confirm');
  await page.keyboard.press('Enter');
  // Restored: the app leaves recovery mode and asks to sign in on the restored file.
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible({ timeout: 60_000 });
  await page.locator('input').nth(0).fill('kasubbag');
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('guestbook-ready').waitFor();
});

test('a read-only data folder: the banner says so above every screen and leads the supervisor to Keamanan Data', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = demoDataDir('readonly', 4, 1);
  shell = await startShell(dir); // first start: converts the demo folder (encryption, key file)
  await shell.stop();
  const target = newDataDir('readonly-view');
  try {
    // Root ignores file modes: a read-only bind mount is the only read-only folder root can have.
    execFileSync('mount', ['--bind', '-o', 'ro', dir, target], { stdio: 'ignore' });
  } catch {
    // Without mount rights (a non-root CI user) this case is covered by tests/data-safety/faults.test.ts only.
    test.skip(true, 'cannot make a read-only bind mount here');
    return;
  }
  try {
    shell = await startShell(target);
    await signInSupervisor(page, shell.url);
    await expect(page.getByTestId('storage-banner')).toContainText('hanya-baca');
    await page.getByTestId('storage-banner').getByRole('button', { name: 'Buka Keamanan Data' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ds-mode')).toHaveText('Hanya-baca');
    await expect(page.getByTestId('backup-now')).toBeDisabled();
    await expect(page.getByRole('button', { name: /Pulihkan dari cadangan/ })).toHaveCount(0);
    await shot(page, 'data-safety-5-read-only');
    await shell.stop();
    shell = null;
  } finally {
    execFileSync('umount', [target], { stdio: 'ignore' });
  }
});
