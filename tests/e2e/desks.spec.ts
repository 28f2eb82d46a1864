/**
 * The desks end to end on one shared PC (browser shell with an injected clock): the supervisor adds staff;
 * the helpdesk hands a file over; the supervisor accepts an incomplete file under discretion (Pasal 6); a
 * verifier signs in on the same app (user switching from the lock screen), claims and completes; a file shows
 * as overdue once the injected clock passes its limit, on the desk and on the supervisor's dashboard.
 * Set LPSE_E2E_SHOTS=<folder> to keep screenshots of each screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { newDataDir, signIn, startShell, SUPERVISOR, typeDate } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string, fullPage = true) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Moves the shell's injected clock (the shell runs with --test-clock). */
async function setClock(url: string, ms: number) {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

const PASSWORD = 'sandi-petugas-2026';

/** A screen from the side navigation. */
async function nav(page: Page, label: string) {
  await page.locator('nav.sidebar').getByRole('button', { name: new RegExp(`^${label}`) }).click();
}

async function addStaff(page: Page, displayName: string, username: string, role: 'helpdesk' | 'verifier' | 'sysadmin') {
  const form = page.getByTestId('add-staff');
  await form.locator('input[name="displayName"]').fill(displayName);
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('input[name="confirm"]').fill(PASSWORD);
  if (role !== 'helpdesk') {
    await page.getByTestId('new-role-helpdesk').uncheck();
    await page.getByTestId(`new-role-${role}`).check();
  }
  await page.getByTestId('add-staff-submit').click();
  await expect(page.getByTestId(`staff-${username}`)).toBeVisible();
}

/** Fast user switching on the shared PC: lock the screen, then sign in as someone else. */
async function switchUser(page: Page, username: string, password = PASSWORD) {
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('switch-user').click();
  await page.getByTestId('switch-username').fill(username);
  await page.getByTestId('switch-password').fill(password);
  await page.getByTestId('switch-submit').click();
  await expect(page.getByTestId('lock-screen')).toBeHidden();
  // Each lands on their own screen: the guest book, or the verifier's and system admin's desks.
  await expect(page.locator('main.content h1, main.content h2').first()).toBeVisible();
}

async function register(page: Page, v: { name: string; nik: string; company: string; npwp: string; leader: string; service?: string }) {
  await page.locator('input[name="person.name"]').fill(v.name);
  await page.locator('input[name="person.nik"]').fill(v.nik);
  await page.locator('input[name="person.phone"]').fill('0812 5123 4567');
  await page.locator('input[name="company.name"]').fill(v.company);
  await page.locator('input[name="company.npwp"]').fill(v.npwp);
  await page.locator('input[name="company.leaderName"]').fill(v.leader);
  await page.locator('select[name="serviceCode"]').selectOption(v.service ?? 'aktivasi_user_id');
  await page.locator('input[name="privacyNoticeShown"]').check();
  await page.locator('input[name="company.name"]').press('Control+Enter');
  await expect(page.getByTestId('visit-screen')).toBeVisible();
}

const EASY_ITEMS = ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas'];

async function tickAll(page: Page, opts: { izinUsaha: boolean }) {
  for (const code of EASY_ITEMS) {
    await page.getByTestId(`complete-${code}`).click();
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
  }
  if (opts.izinUsaha) {
    const item = page.getByTestId('item-izin_usaha');
    await item.getByLabel('Asli diperlihatkan').check();
    await expect(item.getByLabel('Asli diperlihatkan')).toBeChecked();
    await item.getByLabel('Fotokopi diterima').check();
    await expect(item.getByLabel('Fotokopi diterima')).toBeChecked();
    await typeDate(page, item.getByTestId('valid-until-izin_usaha'), '30062028');
    await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('✓ Sesuai');
  } else {
    await page.getByTestId('missing-izin_usaha').click();
    await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('Tidak dibawa');
  }
}

test('handover, discretion, a verifier claims and completes on the same PC, and a file turns overdue', async ({ page }) => {
  test.setTimeout(240_000); // a long journey: four users, three files; slow on a loaded build machine
  const shell = await startShell(newDataDir('desks'), ['--test-clock']);
  try {
    const monday0900 = witaDateTimeToMs('2026-11-23', '09:00');
    await setClock(shell.url, monday0900);
    await signIn(page, shell.url);

    // The supervisor adds the staff of the counter.
    await nav(page, 'Akun Petugas');
    await addStaff(page, 'Siti Nurhaliza', 'siti', 'helpdesk');
    await addStaff(page, 'Budi Santoso', 'budi', 'verifier');
    await shot(page, '01-staff');

    // The helpdesk officer takes over the PC and hands a complete file to the verifier.
    await switchUser(page, 'siti');
    await expect(page.getByTestId('current-user')).toContainText('Siti Nurhaliza');
    await register(page, { name: 'Rahmat Hidayat', nik: '6371011503900001', company: 'CV Sumber Rejeki Banua', npwp: '01.312.166.0-091.000', leader: 'Rahmat Hidayat' });
    await tickAll(page, { izinUsaha: true });
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('verifikator');
    await expect(page.getByTestId('visit-clock')).toContainText('Sisa 30 menit');
    await shot(page, '02-handed-over');

    // A second file lacks the business licence: the helpdesk cannot hand it over.
    await nav(page, 'Buku Tamu');
    await setClock(shell.url, monday0900 + 10 * 60_000);
    await register(page, { name: 'Hj. Aminah', nik: '6371015506850002', company: 'PT Banua Karya Mandiri', npwp: '02.183.241.5-000.000', leader: 'Hj. Aminah' });
    await tickAll(page, { izinUsaha: false });
    await expect(page.getByTestId('hand-over')).toBeDisabled();
    await expect(page.getByTestId('discretion-panel')).toHaveCount(0); // not offered to the helpdesk

    // The supervisor accepts it under discretion, with a written reason.
    await switchUser(page, SUPERVISOR.username, SUPERVISOR.password);
    await page.getByTestId('visit-table').getByText('Hj. Aminah').click();
    await expect(page.getByTestId('discretion-panel')).toContainText('Izin Usaha');
    await page.getByTestId('accept-discretion').click();
    await expect(page.getByTestId('discretion-panel').locator('.field-error')).toContainText('minimal 10 karakter');
    await page.getByTestId('discretion-reason').fill('Izin usaha sedang diperpanjang; bukti pengajuan OSS telah diperlihatkan.');
    await page.getByTestId('accept-discretion').click();
    await expect(page.getByTestId('handed-over-banner')).toBeVisible();
    await expect(page.getByTestId('discretion-banner')).toContainText('Diterima dengan diskresi (Perwali Pasal 6)');
    await expect(page.getByTestId('discretion-banner')).toContainText('bukti pengajuan OSS');
    await shot(page, '03-discretion');

    // The verifier signs in on the same app, takes the oldest file and completes it.
    await switchUser(page, 'budi');
    await nav(page, 'Meja Verifikator');
    const queue = page.getByTestId('desk-queue');
    await expect(queue.locator('tbody tr')).toHaveCount(2);
    await expect(queue.locator('tbody tr').nth(0)).toContainText('Rahmat Hidayat');
    await expect(queue.locator('tbody tr').nth(1)).toContainText('diskresi');
    await shot(page, '04-queue');
    await queue.locator('tbody tr').nth(0).click();
    await expect(page.getByTestId('desk-status')).toContainText('Menunggu verifikator');
    await page.getByTestId('claim').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diproses');
    await shot(page, '05a-claimed');
    await setClock(shell.url, monday0900 + 25 * 60_000);
    await page.getByTestId('complete').click();
    // The User ID activated is required (issue 14): left empty, it is named under its field, focused again.
    await expect(page.locator('#vendor-spse-id')).toBeFocused();
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('vendor-spse-id-error')).toHaveText('User ID SPSE wajib diisi.');
    await expect(page.locator('#vendor-spse-id')).toBeFocused();
    await shot(page, '05b-user-id-required');
    await page.keyboard.type('sumberrejeki01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('User ID telah diaktifkan di SPSE.');
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('outcome-banner')).toContainText('Layanan selesai');
    await expect(page.getByTestId('clock-badge')).toHaveText('Selesai tepat waktu');
    await shot(page, '05-completed');

    // The discretion file is still waiting; once the injected clock passes its 30 minutes it is overdue.
    await page.getByRole('button', { name: '← Antrean Verifikator' }).click();
    await expect(queue.locator('tbody tr')).toHaveCount(1);
    const row = queue.locator('tbody tr').first();
    await expect(row.locator('.clock-badge')).toHaveText(/^Sisa 1[45] menit$/);
    await setClock(shell.url, monday0900 + 45 * 60_000);
    await expect(row.locator('.clock-badge')).toHaveText(/^Terlambat 5 menit$/, { timeout: 15_000 });
    await expect(row).toHaveClass(/row-late/);
    await expect(page.getByTestId('overdue-count')).toHaveText('1 terlambat');
    await shot(page, '06-overdue');

    // The supervisor's dashboard lists it as overdue, live.
    await switchUser(page, SUPERVISOR.username, SUPERVISOR.password);
    await nav(page, 'Dasbor Supervisor');
    await expect(page.getByTestId('stat-overdue')).toHaveText('1');
    await expect(page.getByTestId('overdue-list')).toContainText('Hj. Aminah');
    await expect(page.getByTestId('per-staff')).toContainText('Budi Santoso');
    await shot(page, '07-dashboard');
  } finally {
    await shell.stop();
  }
});

test('the screen locks, refuses work while locked, and the same user unlocks into the same session', async ({ page }) => {
  const shell = await startShell(newDataDir('lock'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-11-23', '09:00'));
    await signIn(page, shell.url);
    await nav(page, 'Kalender Kerja');
    await expect(page.getByTestId('holiday-table')).toBeVisible();
    await page.getByTestId('lock-now').click();
    await expect(page.getByTestId('lock-screen')).toContainText(SUPERVISOR.name);
    await shot(page, '08-lock', false);
    await page.getByTestId('unlock-password').fill('salah-sekali-1');
    await page.getByTestId('unlock').click();
    await expect(page.getByTestId('lock-screen')).toContainText('Kata sandi salah');
    await page.getByTestId('unlock-password').fill(SUPERVISOR.password);
    await page.getByTestId('unlock').click();
    await expect(page.getByTestId('lock-screen')).toBeHidden();
    await expect(page.getByTestId('holiday-table')).toBeVisible(); // where the user was, same session
    await shot(page, '09-calendar');
  } finally {
    await shell.stop();
  }
});

test('a system admin works an SPSE case: baru, diproses, menunggu penyedia, helpdesk LKPP, selesai, with notes', async ({ page }) => {
  const shell = await startShell(newDataDir('sysadmin'), ['--test-clock']);
  try {
    const monday0900 = witaDateTimeToMs('2026-11-23', '09:00');
    await setClock(shell.url, monday0900);
    await signIn(page, shell.url);
    await nav(page, 'Akun Petugas');
    await addStaff(page, 'Siti Nurhaliza', 'siti', 'helpdesk');
    await addStaff(page, 'Andi Pratama', 'andi', 'sysadmin');

    await switchUser(page, 'siti');
    await register(page, { name: 'Rahmat Hidayat', nik: '6371011503900001', company: 'CV Sumber Rejeki Banua', npwp: '01.312.166.0-091.000', leader: 'Rahmat Hidayat', service: 'pendampingan_spse' });
    for (const code of ['surat_permohonan', 'laporan_permasalahan']) await page.getByTestId(`complete-${code}`).click();
    await expect(page.getByTestId('checklist-progress')).toHaveText('2 dari 2 persyaratan terpenuhi');
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('admin sistem');

    await switchUser(page, 'andi');
    await nav(page, 'Kasus Admin Sistem');
    const row = page.getByTestId('desk-queue').locator('tbody tr').first();
    await expect(row).toContainText('Baru');
    await expect(row.locator('.clock-badge')).toHaveText(/^Sisa /);
    await row.click();
    await page.getByTestId('claim').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diproses');
    await page.getByLabel('Tambah catatan').fill('Penyedia tidak dapat mengunggah dokumen penawaran; cache peramban dibersihkan.');
    await page.getByRole('button', { name: 'Simpan catatan' }).click();
    await expect(page.getByTestId('notes')).toContainText('cache peramban');
    await page.getByTestId('pause').click();
    await page.getByTestId('desk-dialog-text').fill('Tangkapan layar galat dari penyedia');
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('desk-status')).toContainText('Menunggu penyedia');
    await expect(page.getByTestId('clock-badge')).toContainText('Menunggu penyedia');
    await setClock(shell.url, monday0900 + 3 * 60 * 60_000);
    await page.getByTestId('resume').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diproses');
    await page.getByTestId('forward-lkpp').click();
    await page.getByLabel('Nomor tiket LKPP (jika ada)').fill('LKPP-2026-1123');
    await page.getByTestId('desk-dialog-text').fill('Galat server SPSE, perlu penanganan LKPP');
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diteruskan ke helpdesk LKPP');
    await shot(page, '10-sysadmin-lkpp');
    await page.getByTestId('lkpp-result').click();
    await page.getByLabel('Dijawab LKPP, proses dilanjutkan').check();
    await page.getByTestId('desk-dialog-text').fill('LKPP memperbaiki konfigurasi server');
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diproses');
    await page.getByTestId('complete').click();
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('desk-status')).toContainText('Selesai');
    // Forwarded to the LKPP helpdesk within its 5 working days: out of the limit (Lampiran, service 7), not "in time".
    await expect(page.getByTestId('clock-badge')).toHaveText('Di luar jangka waktu layanan');
    await expect(page.getByTestId('clock-outside')).toContainText('di luar jangka waktu layanan');
    await shot(page, '11-sysadmin-done');
  } finally {
    await shell.stop();
  }
});
