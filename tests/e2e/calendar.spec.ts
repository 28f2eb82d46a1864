/**
 * Issue 9, the supervisor's journey with the shell's clock moved to October 2026: the banner "Kalender 2027
 * belum ditetapkan" appears (and on the dashboard); a service-7 case received on 23 December 2026 gets a
 * receipt whose deadline, in January 2027, is marked perkiraan; the 2027 decree is entered by import with
 * an explicit mode and a preview of everything added, changed and removed; the banner goes, and the receipt
 * printed again shows the promised deadline without perkiraan, beside the one the decree moved it to.
 * Screenshots (banner, import preview, receipt with a provisional deadline) go to LPSE_E2E_SHOTS when set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { newDataDir, signIn, startShell } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string, opts: { fullPage?: boolean; locator?: ReturnType<Page['locator']> } = {}) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  if (opts.locator) await opts.locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  else await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? false });
}

async function setClock(url: string, ms: number) {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

async function nav(page: Page, label: string) {
  await page.locator('nav.sidebar').getByRole('button', { name: new RegExp(`^${label}`) }).click();
}

/** Focuses a field and types into it as a person would. */
async function type(page: Page, selector: string, text: string) {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

/** The receipt preview's text (the sandboxed frame), closed again afterwards. */
async function receiptText(page: Page): Promise<string> {
  const panel = page.getByTestId('print-panel');
  await panel.getByTestId('print-layout').selectOption('a4');
  await panel.getByTestId('print-receipt').click();
  const frame = page.frameLocator('[data-testid="print-frame"]');
  await expect(frame.getByText('TANDA TERIMA BERKAS')).toBeVisible();
  return (await frame.locator('body').innerText()).replace(/\s+/g, ' ');
}

const DECREE_2027 = [
  'tanggal,nama,jenis',
  '2027-01-01,Tahun Baru 2027 Masehi,libur_nasional',
  '2027-01-04,Cuti Bersama Tahun Baru 2027 Masehi,cuti_bersama',
  '2027-01-06,Isra Mikraj Nabi Muhammad SAW,libur_nasional',
  '2027-02-06,Tahun Baru Imlek 2578 Kongzili,libur_nasional',
  '2027-08-17,Proklamasi Kemerdekaan,libur_nasional',
  '2027-12-25,Kelahiran Yesus Kristus,libur_nasional',
].join('\n');

test('October 2026: the 2027 banner, a provisional deadline on a 23 December receipt, the decree imported with a preview', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = await startShell(newDataDir('calendar'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-10-05', '09:00'));
    await signIn(page, shell.url);

    // From 1 October, next year's missing decree is announced to the supervisor on every screen.
    const banner = page.getByTestId('calendar-banner');
    await expect(banner).toContainText('Kalender 2027 belum ditetapkan');
    await expect(banner).toContainText('masih perkiraan');
    await shot(page, 'calendar-01-banner');
    await nav(page, 'Dasbor Supervisor');
    await expect(page.getByTestId('dashboard-calendar-notice')).toContainText('Kalender 2027 belum ditetapkan');
    await expect(page.getByTestId('calendar-banner')).toHaveCount(0); // the dashboard has its own line

    // 23 December 2026: a service-7 case (SPSE problem) is received, checked and handed over.
    await setClock(shell.url, witaDateTimeToMs('2026-12-23', '10:00'));
    await page.reload(); // eleven weeks later: the session has ended, sign in again
    await signIn(page, shell.url);
    await expect(page.getByTestId('calendar-banner')).toContainText('Kalender 2027 belum ditetapkan');
    await type(page, 'input[name="person.name"]', 'Rahmat Hidayat');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6371011503900001');
    await type(page, 'input[name="person.phone"]', '0812 5123 4567');
    await type(page, 'input[name="company.name"]', 'CV Sumber Rejeki Banua');
    await type(page, 'input[name="company.npwp"]', '01.312.166.0-091.000');
    await type(page, 'input[name="company.leaderName"]', 'Rahmat Hidayat');
    await page.locator('select[name="serviceCode"]').selectOption('pendampingan_spse');
    await page.locator('input[name="privacyNoticeShown"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('visit-screen')).toBeVisible();
    for (const code of ['surat_permohonan', 'laporan_permasalahan']) await page.getByTestId(`complete-${code}`).click();
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('admin sistem');
    await expect(page.getByTestId('clock-provisional')).toHaveText('perkiraan');
    await expect(page.getByTestId('clock-deadline')).toHaveText('Senin, 4 Januari 2027 10:00 WITA');

    let receipt = await receiptText(page);
    expect(receipt).toContain('Senin, 4 Januari 2027 10:00 WITA (perkiraan*)');
    expect(receipt).toContain('hari libur dan cuti bersama tahun 2027 belum ditetapkan pemerintah');
    await shot(page, 'calendar-02-receipt-provisional', { fullPage: true });
    await page.getByTestId('print-close').click();
    const visitUrlScreen = page.getByTestId('visit-screen');
    await expect(visitUrlScreen).toBeVisible();

    // The supervisor follows the banner to the calendar and enters the 2027 decree.
    await page.getByTestId('calendar-banner-link').click();
    await expect(page.getByTestId('calendar-screen')).toBeVisible();
    await expect(page.getByTestId('year-status')).toContainText('Perkiraan — SKB 2027 belum dimasukkan');
    await expect(page.locator('[data-testid="holiday-table"] tr[data-provisional="true"]').first()).toContainText('perkiraan');
    await page.getByTestId('calendar-import-text').focus();
    await page.keyboard.type(DECREE_2027);
    // Nothing is checked until a mode is chosen: replacing a year is never the default.
    await page.getByTestId('calendar-import-check').click();
    await expect(page.getByTestId('calendar-import-error')).toContainText('Pilih cara impor');
    await page.getByLabel(/Ganti seluruh tahun/).focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel(/Ganti seluruh tahun/)).toBeChecked();
    await page.getByTestId('calendar-import-check').click();
    const preview = page.getByTestId('calendar-import-preview');
    await expect(preview).toContainText('Tahun 2027 menjadi ditetapkan');
    await expect(page.getByTestId('import-added')).toContainText('Cuti Bersama Tahun Baru 2027 Masehi');
    await expect(page.getByTestId('import-removed')).toContainText('Selasa, 5 Januari 2027: Isra Mikraj Nabi Muhammad SAW (perkiraan)');
    await expect(page.getByTestId('import-changed')).toContainText('Tahun Baru 2027 Masehi (perkiraan) → Tahun Baru 2027 Masehi');
    await shot(page, 'calendar-03-import-preview', { locator: page.getByTestId('calendar-import') });
    await page.getByTestId('calendar-import-confirm').click();
    await expect(page.getByTestId('year-status')).toContainText('Ditetapkan');
    await expect(page.getByTestId('calendar-history')).toContainText('2027');
    await nav(page, 'Buku Tamu');
    await expect(page.getByTestId('calendar-banner')).toHaveCount(0);

    // The receipt printed again: the promise without perkiraan, and where the decree moved it.
    await page.getByTestId('visit-table').getByText('Rahmat Hidayat').click();
    await expect(page.getByTestId('visit-screen')).toBeVisible();
    await expect(page.getByTestId('clock-provisional')).toHaveCount(0);
    await expect(page.getByTestId('clock-promised')).toContainText('Dijanjikan pada tanda terima: Senin, 4 Januari 2027 10:00 WITA (perkiraan)');
    await expect(page.getByTestId('clock-promised')).toContainText('setelah perubahan kalender kerja: Selasa, 5 Januari 2027 10:00 WITA');
    await expect(page.locator('.timeline')).toContainText('Kalender kerja diubah: Impor CSV: 6 hari libur tahun 2027 (kalender tahun tersebut ditetapkan)');
    receipt = await receiptText(page);
    expect(receipt).not.toContain('perkiraan*');
    expect(receipt).toContain('Senin, 4 Januari 2027 10:00 WITA');
    expect(receipt).toContain('Setelah perubahan kalender kerja: Selasa, 5 Januari 2027 10:00 WITA');
    await shot(page, 'calendar-04-receipt-after-decree', { fullPage: true });
    await page.getByTestId('print-close').click();
  } finally {
    await shell.stop();
  }
});

test('excused time: an office-wide SPSE outage and a file disruption, shown on the clock and in the report both ways', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = await startShell(newDataDir('excused'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-11-24', '09:00'));
    await signIn(page, shell.url);

    // A service-4 file (NPWP change: 30 minutes "jika tidak ada gangguan internet") is handed over at 09:00.
    await type(page, 'input[name="person.name"]', 'Hj. Aminah');
    await type(page, 'input[name="person.nik"]', '6371015506850002');
    await type(page, 'input[name="person.phone"]', '0812 5123 4567');
    await type(page, 'input[name="company.name"]', 'PT Banua Karya Mandiri');
    await type(page, 'input[name="company.npwp"]', '02.183.241.5-000.000');
    await type(page, 'input[name="company.leaderName"]', 'Hj. Aminah');
    await page.locator('select[name="serviceCode"]').selectOption('perubahan_npwp');
    await page.locator('input[name="privacyNoticeShown"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('visit-screen')).toBeVisible();
    for (const code of ['surat_permohonan', 'ktp_direktur', 'npwp_perusahaan', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas']) {
      await page.getByTestId(`complete-${code}`).click();
      await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
    }
    // An NIB has no expiry date: recorded as valid without a time limit, never with an invented date.
    const izin = page.getByTestId('item-izin_usaha');
    await izin.getByLabel('Asli diperlihatkan').check();
    await izin.getByLabel('Fotokopi diterima').check();
    await page.getByTestId('no-expiry-izin_usaha').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('✓ Sesuai');
    await expect(izin.getByRole('group', { name: 'Masa berlaku SIUP/SIUJK/Izin Usaha' })).toHaveAttribute('aria-disabled', 'true');
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('verifikator');

    // 09:10: SPSE is down for the whole office; the supervisor declares it once on the dashboard.
    await setClock(shell.url, witaDateTimeToMs('2026-11-24', '09:10'));
    await nav(page, 'Dasbor Supervisor');
    await page.getByTestId('declare-outage').click();
    await page.getByLabel('Jenis gangguan').selectOption('spse');
    await page.getByLabel('Keterangan').focus();
    await page.keyboard.type('SPSE LPSE tidak dapat diakses (server pusat)');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('outages')).toContainText('Gangguan SPSE');
    await expect(page.getByTestId('outages')).toContainText('1 berkas');
    await shot(page, 'excused-01-outage', { locator: page.getByTestId('outages') });

    // 10:00: service is back; the verifier's desk (the supervisor here) ends it and finishes the file.
    await setClock(shell.url, witaDateTimeToMs('2026-11-24', '10:00'));
    await page.getByRole('button', { name: 'Akhiri sekarang' }).click();
    await expect(page.getByTestId('outages')).not.toContainText('berlangsung');
    await nav(page, 'Meja Verifikator');
    await page.getByTestId('desk-queue').locator('tbody tr').first().click();
    await page.getByTestId('claim').click();
    await expect(page.getByTestId('disruptions')).toContainText('seluruh kantor');
    // The internet was also down at this desk 10:00–10:05: recorded on the file, with its start and end.
    await setClock(shell.url, witaDateTimeToMs('2026-11-24', '10:10'));
    await page.getByTestId('record-disruption').click();
    await page.getByLabel('Mulai (WITA)').fill('2026-11-24T10:00');
    await page.getByLabel(/^Selesai/).fill('2026-11-24T10:05');
    await page.locator('#disruption-reason').focus();
    await page.keyboard.type('Jaringan meja verifikator putus');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('disruptions')).toContainText('Jaringan meja verifikator putus');
    // The new NPWP is the service's product and required (issue 14): the cursor starts in its field; a number
    // of the wrong length is named under the field, which gets the focus back; nothing is recorded.
    await page.getByTestId('complete').click();
    await expect(page.locator('#vendor-npwp')).toBeFocused();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // past the note and "Batal" to "Simpan"
    await expect(page.getByTestId('desk-dialog-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('vendor-npwp-error')).toHaveText('NPWP baru penyedia wajib diisi.');
    await expect(page.locator('#vendor-npwp')).toBeFocused();
    await page.keyboard.type('01.312.166');
    await page.keyboard.press('Tab');
    await page.keyboard.type('NPWP baru sudah diubah di SPSE.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('desk-dialog-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('vendor-npwp-error')).toHaveText('NPWP harus terdiri atas 15 digit (format lama) atau 16 digit angka, sedangkan yang dimasukkan berjumlah 8 digit.');
    await expect(page.locator('#vendor-npwp')).toBeFocused();
    await expect(page.locator('#vendor-npwp')).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'vendor-01-npwp-error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('01.312.166.0-091.000');
    await shot(page, 'vendor-02-npwp-filled');
    await page.getByTestId('desk-dialog-confirm').click();
    await expect(page.getByTestId('clock-badge')).toHaveText('Selesai tepat waktu');
    await expect(page.getByTestId('clock-excused')).toContainText('tanpa pengecualian: terlambat');
    await shot(page, 'excused-02-desk-file', { fullPage: true });

    // The guest book knows the company by its new NPWP, and its history keeps the old one (issue 14).
    await nav(page, 'Buku Tamu');
    await page.getByTestId('lookup-input').click();
    await page.keyboard.type('01.312.166');
    await expect(page.getByTestId('lookup-results')).toContainText('PT Banua Karya Mandiri');
    await page.keyboard.press('Enter');
    await expect(page.locator('input[name="company.name"]')).toHaveValue('PT Banua Karya Mandiri');
    const history = page.getByTestId('vendor-history');
    await history.locator('summary').click();
    await expect(history).toContainText('NPWP 02.183.241.5-000.000 → 01.312.166.0-091.000');
    await shot(page, 'vendor-03-guestbook-history', { fullPage: true });

    // The monthly report shows both figures, and the outage itself.
    await nav(page, 'Laporan Bulanan');
    await page.getByTestId('report-month').locator('select').nth(1).selectOption('2026');
    await page.getByTestId('report-month').locator('select').nth(0).selectOption('11');
    await expect(page.getByTestId('report-cards')).toContainText('Tanpa pengecualian gangguan');
    await expect(page.getByTestId('report-excused')).toContainText('Tepat waktu 1 dari 1 berkas (100,0%)');
    await expect(page.getByTestId('report-excused')).toContainText('tanpa pengecualian itu 0 dari 1');
    await expect(page.getByTestId('report-excused')).toContainText('SPSE LPSE tidak dapat diakses (server pusat)');
    await shot(page, 'excused-03-report', { fullPage: true });
  } finally {
    await shell.stop();
  }
});
