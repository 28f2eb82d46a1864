/**
 * Typing as a helpdesk officer does: digit by digit with page.keyboard.type, Tab, Space and Enter, never
 * `fill`, checking where the focus is after each step. First run (setup), the guest book, the checklist with
 * a validity date typed into the Indonesian date field (one typed date is exactly one event), the handover,
 * the receipt preview; then the verifier at her desk; then sign-in, reload and sign-out.
 * Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, countEvents, DEMO_PASSWORD, demoDataDir, eventPayloads, focused, gotoOnOfficeClock, handedOverVisit, newDataDir, startShell, type RunningShell } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `keyboard-${name}.png`) });
}

/** Presses Tab until the focus is on `target` (a test id or text in `focused()`), as a person would; at most `max` presses. */
async function tabTo(page: Page, target: string, max = 12): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).includes(target)) return i;
  }
  throw new Error(`"${target}" not reached with ${max} Tabs; focus is on ${await focused(page)}`);
}

async function expectFocus(page: Page, what: string) {
  await expect.poll(() => focused(page), { timeout: 5_000 }).toContain(what);
}

/** The checklist of service 1 for a company leader, in screen order: these before the business licence, these after. */
const BEFORE_LICENCE = ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan'];
const AFTER_LICENCE = ['akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas'];

let shell: RunningShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

test('first run, guest book and checklist from the keyboard: focus where the work is, one typed date is one event', async ({ page }) => {
  shell = await startShell(newDataDir('keyboard'));
  await page.goto(shell.url);

  // First run: the setup form opens with the focus on its first field.
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toBeVisible();
  await expectFocus(page, '"Nama lengkap');
  await page.keyboard.type('Hj. Siti Rahmah, S.E.');
  await page.keyboard.press('Tab');
  await expectFocus(page, '"Nama pengguna');
  await page.keyboard.type('kasubbag');
  await page.keyboard.press('Tab');
  await expectFocus(page, '"Kata sandi');
  await page.keyboard.type('rahasia-123');
  await page.keyboard.press('Tab');
  await expectFocus(page, '"Ulangi kata sandi');
  await page.keyboard.type('rahasia-123');
  await page.keyboard.press('Enter');

  // Signed in: the guest book opens with the focus in the search of registered data.
  await page.getByTestId('guestbook-ready').waitFor();
  await expectFocus(page, '#lookup-input');
  await shot(page, '01-guestbook');

  // A new visitor, field after field.
  await page.keyboard.press('Tab');
  await expectFocus(page, '[person.name]');
  await page.keyboard.type('Rahmat Hidayat');
  await page.keyboard.press('Tab');
  await expectFocus(page, '[person.nik]');
  await page.keyboard.type('6371011503900001');
  await page.keyboard.press('Tab');
  await expectFocus(page, '[person.phone]');
  await page.keyboard.type('0812 5123 4567');
  await tabTo(page, '[company.name]');
  await page.keyboard.type('CV Sumber Rejeki Banua');
  await tabTo(page, '[company.npwp]');
  await page.keyboard.type('01.312.166.0-091.000');
  await page.keyboard.press('Tab');
  await expectFocus(page, '[company.leaderName]');
  await page.keyboard.type('Rahmat Hidayat');
  await tabTo(page, '[serviceCode]');
  await page.keyboard.type('1'); // "1. Pelayanan Aktivasi User ID …"
  await expect(page.locator('select[name="serviceCode"]')).toHaveValue('aktivasi_user_id');
  await tabTo(page, '[privacyNoticeShown]');
  await page.keyboard.press('Space');
  await expect(page.locator('input[name="privacyNoticeShown"]')).toBeChecked();
  await page.keyboard.press('Control+Enter');

  // The checklist opens with the focus on the first requirement's first control.
  await expect(page.getByTestId('visit-screen')).toBeVisible();
  const visitId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('lpse-counter-route') ?? '{}').params?.id as string);
  expect(visitId).toMatch(/^[0-9a-f-]{36}$/);
  await expectFocus(page, '#item-formulir_pendaftaran');
  await shot(page, '02-checklist');

  // Space on a checkbox: saved, and the focus stays on it (nothing blinks out, nothing jumps).
  const first = page.getByTestId('item-formulir_pendaftaran').getByRole('checkbox').first();
  const scrollBefore = await page.evaluate(() => document.querySelector('.content')!.scrollTop);
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  await expect(page.getByTestId('verdict-formulir_pendaftaran')).toHaveText('✓ Sesuai');
  await expectFocus(page, '#item-formulir_pendaftaran');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');
  expect(Math.abs((await page.evaluate(() => document.querySelector('.content')!.scrollTop)) - scrollBefore)).toBeLessThan(5);

  // Enter on "Sesuai" for the next requirements: the focus stays on the button pressed.
  for (const code of BEFORE_LICENCE.slice(1)) {
    await tabTo(page, `#complete-${code}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
    await expectFocus(page, `#complete-${code}`);
  }

  // The business licence: original and copy with Space, then its validity date typed digit by digit.
  await tabTo(page, '#item-izin_usaha');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expectFocus(page, '#valid-until-izin_usaha');
  await expect(page.getByTestId('valid-until-izin_usaha')).toContainText('hh/bb/tttt');
  // The two ticks just made are saved one after the other: count from when the second one is stored.
  await expect.poll(() => eventPayloads(shell!.dataDir, visitId, 'visit.item_marked').filter((p) => p.itemCode === 'izin_usaha').at(-1)?.copyReceived).toBe(true);
  const before = countEvents(shell.dataDir, visitId, 'visit.item_marked');
  await page.keyboard.type('30062028');
  // Nothing is saved while the date is typed: not after the day, the month, nor any digit of the year.
  await page.waitForTimeout(300);
  expect(countEvents(shell.dataDir, visitId, 'visit.item_marked')).toBe(before);
  await expect(page.getByTestId('valid-until-izin_usaha')).toContainText('30/06/2028');
  await page.keyboard.press('Tab'); // leaving the field commits the date
  await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('✓ Sesuai');
  expect(countEvents(shell.dataDir, visitId, 'visit.item_marked')).toBe(before + 1);
  const dated = eventPayloads(shell.dataDir, visitId, 'visit.item_marked').filter((p) => p.itemCode === 'izin_usaha' && p.validUntil !== null);
  expect(dated.map((p) => p.validUntil)).toEqual(['2028-06-30']);
  // Tab from the date lands on the next control: "berlaku tanpa batas waktu", left unticked.
  await expectFocus(page, '#no-expiry-izin_usaha');

  // The company deeds and the folder, then the handover from the keyboard.
  for (const code of AFTER_LICENCE) {
    await tabTo(page, `#complete-${code}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
  }
  await expect(page.getByTestId('checklist-progress')).toHaveText('8 dari 8 persyaratan terpenuhi');
  await tabTo(page, '#hand-over');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handed-over-banner')).toContainText('verifikator');

  // The work goes on at the receipt: Enter opens the preview on "Cetak…", Escape closes it back to the button.
  await expectFocus(page, '#print-receipt');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await expectFocus(page, '#print-dialog');
  await shot(page, '03-preview');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('print-preview')).toHaveCount(0);
  await expectFocus(page, '#print-receipt');

  // Alt+1 back to the guest book: the focus is in the search again, not on the page.
  await page.keyboard.press('Alt+1');
  await page.getByTestId('guestbook-ready').waitFor();
  await expectFocus(page, '#lookup-input');
  void api;
});

/** Signs in by typing, from the sign-in screen (the focus starts in the user name). */
async function typeSignIn(page: Page, username: string, password: string) {
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await expectFocus(page, '"Nama pengguna');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

test('the verifier lands on her desk and takes and finishes a file from the keyboard; the system admin lands on his cases', async ({ page }) => {
  shell = await startShell(demoDataDir('keyboard-desk', 300, 10));
  // A file handed over a moment ago, which nobody has taken yet.
  await handedOverVisit(shell, 'Rahmat Hidayat');
  await gotoOnOfficeClock(page, shell.url);
  await typeSignIn(page, 'verifikator1', DEMO_PASSWORD);

  // Her work is the queue: it opens there, with the focus on the oldest file.
  await expect(page.getByRole('heading', { name: 'Antrean Verifikator' })).toBeVisible();
  await expect(page.locator('nav.sidebar .nav-item.active')).toContainText('Meja Verifikator');
  await expectFocus(page, '#queue-row-');
  await shot(page, '04-desk');

  // Down the queue with Tab to a file nobody has taken yet, Enter to open it.
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.textContent ?? '')).includes('Menunggu verifikator'); i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Menunggu verifikator');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-file')).toBeVisible();
  await expectFocus(page, '#claim');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-status')).toContainText('Diproses');
  // The next step is where the button pressed was.
  await expectFocus(page, '#complete');
  await page.keyboard.press('Enter');
  // The vendor's new value (User ID, e-mail, NPWP or legal form, by the file's service) is the service's
  // product and required (issue 14): the cursor starts in its field.
  await expectFocus(page, '#vendor-');
  const field = await page.evaluate(() => document.activeElement?.id ?? '');
  const VALUE: Record<string, string> = { 'vendor-spse-id': 'cvmaju01', 'vendor-email': 'pengadaan@cvmaju.co.id', 'vendor-npwp': '01.312.166.0-091.000', 'vendor-legal-form': 'PT' };
  expect(Object.keys(VALUE)).toContain(field);
  if (field === 'vendor-legal-form') await page.keyboard.press('Tab'); // PT is chosen already; past the new name
  else await page.keyboard.type(VALUE[field]!);
  await page.keyboard.press('Tab');
  await expectFocus(page, '#desk-dialog-text');
  await page.keyboard.type('Layanan telah diselesaikan di SPSE.');
  await tabTo(page, '#desk-dialog-confirm');
  await page.keyboard.press('Enter');
  const outcome = page.getByTestId('outcome-banner');
  await expect(outcome).toContainText('Layanan selesai');
  // Her name ends with a title's full stop: the sentence does not get a second one.
  await expect(outcome).toContainText('oleh Rusdiansyah, S.E.');
  expect(await outcome.textContent()).not.toContain('S.E..');
  await shot(page, '05-desk-file');

  // The system admin's work is the SPSE cases.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await typeSignIn(page, 'adminsistem', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Kasus Admin Sistem (Layanan 7)' })).toBeVisible();
  await expect(page.locator('nav.sidebar .nav-item.active')).toContainText('Kasus Admin Sistem');
});

test('a reload keeps the officer signed in on the same screen; signing out after the first-run setup leads to sign-in', async ({ page }) => {
  shell = await startShell(newDataDir('keyboard-session'));
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toBeVisible();
  await page.keyboard.type('Hj. Siti Rahmah, S.E.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kasubbag');
  await page.keyboard.press('Tab');
  await page.keyboard.type('rahasia-123');
  await page.keyboard.press('Tab');
  await page.keyboard.type('rahasia-123');
  await page.keyboard.press('Enter');
  await page.getByTestId('guestbook-ready').waitFor();

  // Alt+9: the monthly report. A reload (F5) keeps the session and the screen.
  await page.keyboard.press('Alt+9');
  await expect(page.getByTestId('report-screen')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('report-screen')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('Hj. Siti Rahmah, S.E.');

  // "Keluar" right after setup: the sign-in screen, not the setup screen again.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toHaveCount(0);
  await typeSignIn(page, 'kasubbag', 'rahasia-123');
  await page.getByTestId('guestbook-ready').waitFor();
  await expectFocus(page, '#lookup-input');

  // After signing out, a reload does not bring the session back.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
});
