/**
 * Issue 12, the complaint journey in the browser shell with its clock moved to November 2026: a file is
 * handed over; the next morning a complaint about it is entered at the counter, the visit found by its
 * receipt number; the acknowledgement (tanda terima pengaduan) is saved as PDF and read back with both
 * deadlines; the supervisor decides it complete and records the response; the complaint desk, the
 * dashboard and the monthly report show it. A second complaint, left incomplete, shows the paused response
 * clock. Screenshots go to LPSE_E2E_SHOTS when set.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { api, newDataDir, signIn, startShell, SUPERVISOR, typeDate } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? false });
}

async function setClock(url: string, ms: number) {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

/** Focuses a field and types into it as a person would. */
async function type(page: Page, selector: string, text: string) {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
}

async function savedPdfText(page: Page, dir: string, name: string, button: string): Promise<{ text: string; fileName: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const file = path.join(dir, `${name}.pdf`);
  await download.saveAs(file);
  return { text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '), fileName: download.suggestedFilename() };
}

const SERVICE_1_LEADER = ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan', 'izin_usaha', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas'];

test('a complaint at the counter about a visit found by its receipt number, answered and reported', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = newDataDir('complaints');
  const shell = await startShell(dataDir, ['--test-clock']);
  try {
    // Monday 23 November 2026: a file for service 1 is handed over.
    await setClock(shell.url, witaDateTimeToMs('2026-11-23', '09:00'));
    await signIn(page, shell.url);
    await type(page, 'input[name="person.name"]', 'H. Abdul Karim');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6371011503700002');
    await type(page, 'input[name="person.phone"]', '0811 5100 200');
    await type(page, 'input[name="company.name"]', 'PT Banua Sejahtera Konstruksi');
    await type(page, 'input[name="company.npwp"]', '02.183.241.5-000.000');
    await page.locator('select[name="serviceCode"]').selectOption('aktivasi_user_id');
    await page.locator('input[name="privacyNoticeShown"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('visit-screen')).toBeVisible();
    for (const code of SERVICE_1_LEADER) {
      const item = page.getByTestId(`item-${code}`);
      if (code === 'izin_usaha') {
        await item.getByLabel('Asli diperlihatkan').check();
        await item.getByLabel('Fotokopi diterima').check();
        await typeDate(page, item.getByTestId('valid-until-izin_usaha'), '30062028');
        await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('✓ Sesuai');
      } else await page.getByTestId(`complete-${code}`).click();
    }
    await page.getByTestId('hand-over').click();
    const receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();

    // Tuesday 24 November 10:00: the company's leader comes back with a written complaint.
    await setClock(shell.url, witaDateTimeToMs('2026-11-24', '10:00'));
    await page.reload();
    await signIn(page, shell.url);
    await page.keyboard.press('Alt+p');
    await expect(page.getByTestId('complaint-desk')).toBeVisible();
    await expect(page.getByTestId('complaint-desk')).toContainText('Tidak ada pengaduan yang terbuka.');
    await page.getByTestId('complaint-new').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('complaint-form')).toBeVisible();
    // Focus starts on the channel; the received time is the counter's clock.
    await expect(page.getByTestId('complaint-channel')).toBeFocused();
    await expect(page.getByLabel('Diterima (WITA)')).toHaveValue('2026-11-24T10:00');
    await page.locator('#visit-query').focus();
    await page.keyboard.type(receiptNo.toLowerCase());
    await page.keyboard.press('Enter');
    const results = page.getByTestId('visit-results');
    await expect(results).toContainText(receiptNo);
    await expect(results).toContainText('PT Banua Sejahtera Konstruksi');
    await page.keyboard.press('Tab'); // the search button
    await page.keyboard.press('Tab'); // the first result
    await expect(results.getByRole('button').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('picked-visit')).toContainText(receiptNo);
    await type(page, '[data-testid="complainant-name"]', 'H. Abdul Karim');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0811 5100 200');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jl. Pangeran Antasari No. 45, Banjarmasin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Aktivasi user ID perusahaan kami belum selesai sampai hari ini, padahal jangka waktunya 30 menit dan berkas sudah dinyatakan lengkap.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tidak dapat mengikuti tender yang ditutup hari Rabu.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mohon aktivasi diselesaikan hari ini.');
    // Nothing in the form may be missing: the save goes through the backend's checks.
    await page.getByTestId('complaint-save').click();
    await expect(page.getByTestId('complaint-screen')).toBeVisible();
    const number = (await page.getByTestId('complaint-number').innerText()).trim();
    expect(number).toMatch(/^PGD-20261124-[0-9A-F]{6}-001$/);
    await expect(page.getByTestId('complaint-stage')).toHaveText('Diterima');
    await expect(page.getByTestId('clock-completeness-deadline')).toHaveText('Jumat, 27 November 2026 10:00 WITA');
    await expect(page.getByTestId('clock-response-deadline')).toHaveText('Rabu, 2 Desember 2026 10:00 WITA');
    await expect(page.getByTestId('complaint-words')).toContainText(receiptNo);
    await expect(page.getByTestId('complaint-words')).toContainText('Sebagaimana disampaikan pengadu; tidak diubah.');

    // The acknowledgement, saved as PDF from the preview and read back.
    const letters = page.getByTestId('complaint-letters');
    await letters.getByTestId('letter-acknowledgement').click();
    const frame = page.frameLocator('[data-testid="letter-frame"]');
    await expect(frame.getByText('TANDA TERIMA PENGADUAN')).toBeVisible();
    await expect(page.getByTestId('letter-frame')).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
    await shot(page, 'complaint-02-acknowledgement-preview');
    const ack = await savedPdfText(page, dataDir, 'tanda-terima-pengaduan', 'letter-save-pdf');
    expect(ack.fileName).toBe(`pengaduan-${number}-tanda-terima-a4.pdf`);
    expect(ack.text).toContain(`Nomor: ${number}`);
    expect(ack.text).toContain('H. Abdul Karim');
    expect(ack.text).toContain('Jl. Pangeran Antasari No. 45, Banjarmasin');
    expect(ack.text).toContain(receiptNo);
    expect(ack.text).toContain('Jumat, 27 November 2026 10:00 WITA');
    expect(ack.text).toContain('Rabu, 2 Desember 2026 10:00 WITA');
    expect(ack.text).toContain('a.n. Kepala Bagian Layanan Pengadaan');
    await page.getByTestId('letter-close').click();
    await expect(letters.getByTestId('letter-history')).toContainText('Tanda Terima Pengaduan · A4 · PDF');
    await shot(page, 'complaint-01-detail-received', { fullPage: true });

    // A second complaint the same morning, from the complaint box, without a visit.
    await page.keyboard.press('Alt+p');
    await page.getByTestId('complaint-new').click();
    await page.getByTestId('complaint-channel').selectOption('kotak');
    await type(page, '[data-testid="complainant-name"]', 'Warga Kertak Baru');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kertak Baru Ilir');
    await type(page, '[data-testid="complaint-text"]', 'Petugas tidak menjelaskan persyaratan perubahan NPWP.');
    await type(page, '[data-testid="complaint-request"]', 'Mohon dijelaskan ulang.');
    await page.getByTestId('complaint-save').click();
    await expect(page.getByTestId('complaint-screen')).toBeVisible();
    const second = (await page.getByTestId('complaint-number').innerText()).trim();
    expect(second).toBe(number.replace(/001$/, '002'));

    // Wednesday 25 November 09:00: the supervisor checks both.
    await setClock(shell.url, witaDateTimeToMs('2026-11-25', '09:00'));
    await page.reload();
    await signIn(page, shell.url);
    await page.keyboard.press('Alt+p');
    await expect(page.getByTestId(`complaint-row-${number}`)).toBeVisible();
    await page.getByTestId(`complaint-row-${number}`).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('complaint-number')).toHaveText(number);
    await page.getByTestId('action-start-check').click();
    await expect(page.getByTestId('complaint-stage')).toHaveText('Cek administrasi');
    await page.getByTestId('completeness-complete').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('completeness-save').click();
    await expect(page.getByTestId('complaint-stage')).toHaveText('Lengkap');
    await expect(page.getByTestId('clock-completeness-badge')).toHaveText('Tepat waktu');

    // The second is incomplete: its response clock stands still, shown.
    await page.keyboard.press('Alt+p');
    await page.getByTestId(`complaint-row-${second}`).click();
    await page.getByTestId('completeness-incomplete').focus();
    await page.keyboard.press('Space');
    await type(page, '#completeness-missing', 'Alamat lengkap (jalan dan nomor rumah) dan kontak pengadu.');
    await page.getByTestId('completeness-save').click();
    await expect(page.getByTestId('complaint-stage')).toHaveText('Tidak lengkap, menunggu kelengkapan');
    await expect(page.getByTestId('clock-response-badge')).toContainText('Dijeda · sisa');
    await expect(page.getByTestId('clock-response')).toContainText('menunggu kelengkapan dari pengadu');

    // Thursday 26 November 14:00: the response to the first.
    await setClock(shell.url, witaDateTimeToMs('2026-11-26', '14:00'));
    await page.reload();
    await signIn(page, shell.url);
    await page.keyboard.press('Alt+p');
    await shot(page, 'complaint-03-desk');
    const desk = page.getByTestId('complaint-queue');
    await expect(desk).toContainText(number);
    await expect(page.getByTestId(`response-${second}`)).toContainText('Dijeda');
    await page.getByTestId(`complaint-row-${number}`).click();
    await type(page, '#response-text', 'Aktivasi user ID PT Banua Sejahtera Konstruksi telah diselesaikan pada 24 November 2026 pukul 11.05 WITA. Keterlambatan terjadi karena gangguan SPSE; petugas telah diminta memberi tahu pemohon bila terjadi gangguan.');
    await page.getByTestId('respond-save').click();
    await expect(page.getByTestId('complaint-stage')).toHaveText('Ditanggapi');
    await expect(page.getByTestId('clock-response-badge')).toHaveText('Tepat waktu');
    await expect(page.getByTestId('complaint-history')).toContainText('Ditanggapi');
    await letters.getByTestId('letter-response').click();
    await expect(frame.getByRole('heading', { name: 'SURAT TANGGAPAN PENGADUAN' })).toBeVisible();
    const response = await savedPdfText(page, dataDir, 'surat-tanggapan', 'letter-save-pdf');
    expect(response.text).toContain(`${number}/TGP`);
    expect(response.text).toContain('telah diselesaikan pada 24 November 2026 pukul 11.05 WITA');
    await page.getByTestId('letter-close').click();
    await shot(page, 'complaint-04-detail-responded', { fullPage: true });

    // The visit's own screen names the complaint about it.
    await page.getByTestId('complaint-words').getByRole('button', { name: 'buka' }).click();
    await expect(page.getByTestId('visit-complaints')).toContainText(number);

    // The desk: the answered complaint stays open until closed; the waiting one shows its pause.
    await page.keyboard.press('Alt+p');
    await expect(page.getByTestId(`complaint-row-${number}`)).toContainText('Ditanggapi');
    await expect(page.getByTestId(`response-${number}`)).toHaveText('Tepat waktu');

    // Suggestions, reached from the desk (one menu entry for the subject on a full side menu): one typed here,
    // and one recorded at another PC that shows without a reload (change notices, ADR 0008).
    await page.getByTestId('open-suggestions').click();
    await expect(page.getByTestId('suggestions-screen')).toBeVisible();
    await expect(page.getByTestId('suggestion-total')).toHaveText('0 saran');
    await page.getByTestId('suggestion-text').focus();
    await page.keyboard.type('Mohon disediakan kursi tunggu tambahan di depan loket.');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('suggestion-save')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('suggestion-total')).toHaveText('1 saran');
    await expect(page.getByTestId('suggestion-text')).toBeFocused();
    const otherPc = await api<{ token: string }>(shell, 'auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    await api(shell, 'suggestions.add', { receivedAt: witaDateTimeToMs('2026-11-26', '13:30'), channel: 'email', name: 'Andi', contact: 'andi@example.com', serviceCode: null, text: 'Formulir perubahan e-mail sebaiknya dapat diunduh.' }, otherPc.token);
    await expect(page.getByTestId('suggestion-total')).toHaveText('2 saran');
    await expect(page.getByTestId('suggestion-list')).toContainText('Formulir perubahan e-mail sebaiknya dapat diunduh.');

    // The dashboard's counters.
    await page.keyboard.press('Alt+5');
    const card = page.getByTestId('dashboard-complaints');
    await expect(card.getByTestId('stat-complaints-open')).toHaveText('2');
    await expect(card.getByTestId('stat-complaints-waiting')).toHaveText('1');
    await expect(card.getByTestId('stat-complaints-response-overdue')).toHaveText('0');
    await expect(card.getByTestId('stat-suggestions-month')).toHaveText('2');

    // The monthly report of November.
    await page.keyboard.press('Alt+9');
    await page.getByTestId('report-month').locator('select').nth(1).selectOption('2026');
    await page.getByTestId('report-month').locator('select').nth(0).selectOption('11');
    const section = page.getByTestId('report-complaints');
    await expect(section).toContainText('Pengaduan, saran dan masukan');
    await expect(page.getByTestId('report-complaints-Pengaduan diterima')).toHaveText('2');
    await expect(page.getByTestId('report-complaints-Diberitahukan dalam 3 hari kerja')).toHaveText('2 (100,0%)');
    await expect(page.getByTestId('report-complaints-Ditanggapi dalam 6 hari kerja')).toHaveText('1 (100,0%)');
    await expect(page.getByTestId('report-complaints-Saran dan masukan')).toHaveText('2');
    await expect(page.getByTestId('report-complaint-list')).toContainText(number);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'complaint-05-report');
  } finally {
    await shell.stop();
  }
});
