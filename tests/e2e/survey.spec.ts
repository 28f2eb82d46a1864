/**
 * The satisfaction survey end to end (issue 13) on the browser shell with an injected clock: after a
 * handover the receipt carries the survey code; the helpdesk opens the kiosk for the visit (a second tab on
 * the kiosk route, with a kiosk token only); the visitor answers with touch-sized clicks and the keyboard;
 * paper questionnaires are typed on the grid; the next morning the month's SKM report shows the responses,
 * and its XLSX and PDF read back with the same figures as `ikm --json`.
 * Screenshots are kept in test-results/survey-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { IkmFigures } from '../../contract/survey';
import { ELEMENT_CODES } from '../../domain/survey/questionnaire';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { newDataDir, signIn, startShell, SUPERVISOR, typeDate, typeFirstPaperRow } from './shell';

const SHOTS = 'test-results';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `survey-${name}.png`), fullPage });

async function setClock(url: string, ms: number) {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

const SERVICE_1_LEADER = ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan', 'izin_usaha', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas'];

async function handOver(page: Page) {
  await page.locator('input[name="person.name"]').fill('H. Abdul Karim');
  await page.locator('input[name="person.nik"]').fill('6371011503700002');
  await page.locator('input[name="person.phone"]').fill('0811 5100 200');
  await page.locator('input[name="company.name"]').fill('PT Banua Sejahtera Konstruksi');
  await page.locator('input[name="company.npwp"]').fill('02.183.241.5-000.000');
  await page.locator('select[name="serviceCode"]').selectOption('aktivasi_user_id');
  await page.locator('input[name="privacyNoticeShown"]').check();
  await page.getByTestId('register-visit').click();
  await expect(page.getByTestId('visit-screen')).toBeVisible();
  for (const code of SERVICE_1_LEADER) {
    const item = page.getByTestId(`item-${code}`);
    if (code === 'izin_usaha') {
      await item.getByLabel('Asli diperlihatkan').check();
      await item.getByLabel('Fotokopi diterima').check();
      await typeDate(page, page.getByTestId('valid-until-izin_usaha'), '30062028');
    } else {
      await page.getByTestId(`complete-${code}`).click();
    }
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
  }
  await page.getByTestId('hand-over').click();
  await expect(page.getByTestId('handed-over-banner')).toBeVisible();
}

/**
 * The page's CSP allows no inline style but its per-load nonce (issue 10, shell/csp.ts): every survey screen,
 * the kiosk tab included, must render with nothing blocked. Chromium reports each block on the console.
 */
function watchCsp(context: BrowserContext): string[] {
  const blocked: string[] = [];
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  return blocked;
}

/** A touch target: at least 60 × 60 CSS pixels (a fingertip; WCAG 2.5.5 asks 44). */
async function expectTouchSized(page: Page, testId: string) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  expect(box.height, `${testId} height`).toBeGreaterThanOrEqual(60);
  expect(box.width, `${testId} width`).toBeGreaterThanOrEqual(60);
}

test('after a handover the kiosk is opened for the visit and answered; the next morning the SKM report, its XLSX and PDF show it as ikm --json does', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = newDataDir('survey');
  const shell = await startShell(dataDir, ['--test-clock']);
  const cspBlocked = watchCsp(page.context());
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
    await signIn(page, shell.url);
    await handOver(page);

    // The receipt carries the visit's survey code (the workstation is not enrolled: for the counter's kiosk).
    const panel = page.getByTestId('survey-panel');
    await expect(panel).toBeVisible();
    await page.getByTestId('print-receipt').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect(frame.getByText('Survei Kepuasan Masyarakat', { exact: true })).toBeVisible();
    const code = (await frame.locator('.skm .code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await frame.locator('.skm').scrollIntoViewIfNeeded();
    await shot(page, 'receipt-preview');
    await page.getByTestId('print-close').click();
    await expect(panel.getByTestId('survey-state')).toContainText('tersimpan di komputer ini', { timeout: 15_000 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS, 'survey-visit-panel.png') });

    // "Isi survei di kios" opens the kiosk tab and puts this visit's survey on it.
    const [kiosk] = await Promise.all([page.context().waitForEvent('page'), panel.getByTestId('survey-start-kiosk').click()]);
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await expect(kiosk.getByTestId('kiosk-intro')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-service')).toContainText('Aktivasi User ID');
    await expect(page.getByTestId('survey-on-kiosk')).toBeVisible();
    await shot(kiosk, 'kiosk-intro');
    // The kiosk tab holds no staff session: its URL carries the run token and the kiosk token only.
    expect(await kiosk.evaluate(() => sessionStorage.getItem('lpse-kiosk-token'))).toBeTruthy();

    await expectTouchSized(kiosk, 'kiosk-begin');
    await kiosk.getByTestId('kiosk-begin').click();
    await expect(kiosk.getByTestId('kiosk-profile')).toBeVisible();
    await expectTouchSized(kiosk, 'kiosk-sex-L');
    await kiosk.getByTestId('kiosk-sex-L').click();
    await kiosk.getByTestId('kiosk-age-40-49').click();
    await kiosk.getByTestId('kiosk-education-D4-S1').click();
    await kiosk.getByTestId('kiosk-occupation-WIRAUSAHA').click();
    await expect(kiosk.getByTestId('kiosk-sex-L')).toHaveAttribute('aria-pressed', 'true');
    await shot(kiosk, 'kiosk-profile');
    await kiosk.getByTestId('kiosk-profile-next').click();

    // U1–U7 and U9 with the keyboard (1–4), U8 with a touch on its answer.
    const keyed: Record<string, string> = { U1: '4', U2: '3', U3: '3', U4: '4', U5: '3', U6: '4', U7: '4', U9: '3' };
    for (const c of ELEMENT_CODES) {
      const q = kiosk.getByTestId('kiosk-question');
      await expect(q).toHaveAttribute('data-element', c);
      if (c === 'U3') await shot(kiosk, 'kiosk-question');
      if (c === 'U8') {
        await expectTouchSized(kiosk, 'kiosk-answer-2');
        await expect(kiosk.getByTestId('kiosk-answer-2')).toContainText('Ada tetapi tidak berfungsi');
        await kiosk.getByTestId('kiosk-answer-2').click();
      } else {
        await kiosk.keyboard.press(keyed[c]!);
      }
      await expect(q.getByRole('radio', { checked: true })).toHaveCount(1);
    }
    await expect(kiosk.getByTestId('kiosk-review')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-review')).toContainText('Sangat sopan dan ramah');
    await shot(kiosk, 'kiosk-review');
    await kiosk.keyboard.press('Enter');
    await expect(kiosk.getByTestId('kiosk-thanks')).toBeVisible();
    await shot(kiosk, 'kiosk-thanks');
    // Back to its start after the thanks.
    await expect(kiosk.getByTestId('kiosk-standby')).toBeVisible({ timeout: 15_000 });
    await shot(kiosk, 'kiosk-standby');
    await expect(panel.getByTestId('survey-state')).toContainText('sudah diisi', { timeout: 15_000 });

    // The same code typed at the kiosk is refused.
    await kiosk.getByTestId('kiosk-have-code').click();
    await kiosk.getByTestId('kiosk-code-input').fill(code.toLowerCase());
    await kiosk.keyboard.press('Enter');
    await expect(kiosk.getByTestId('kiosk-error')).toContainText('sudah digunakan');

    // Two paper questionnaires typed on the grid.
    const row0 = await typeFirstPaperRow(page);
    await expect(row0.getByLabel('Baris 1: U9 Sarana dan Prasarana')).toHaveValue('3');
    await page.keyboard.press('Enter');
    const row1 = page.getByTestId('paper-row-1');
    await expect(row1.getByLabel('Baris 2: jenis kelamin (L/P)')).toBeFocused();
    await page.keyboard.type('l');
    await page.keyboard.press('-');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3333333-3');
    await expect(row1.getByLabel('Baris 2: U8 Penanganan Pengaduan, Saran dan Masukan')).toHaveValue('');
    await shot(page, 'paper-grid');
    await page.keyboard.press('Control+s');
    await expect(page.locator('.toast-success', { hasText: '2 kuesioner kertas tersimpan' })).toBeVisible(); // beside any toast still shown

    // Today the kiosk response is held on this PC: the report says so and does not count it yet.
    await page.locator('nav.sidebar').getByRole('button', { name: /^Survei Kepuasan/ }).click();
    await expect(page.getByTestId('skm-respondents')).toHaveText('2');
    await expect(page.getByTestId('skm-held')).toContainText('1 jawaban kios');

    // The next morning: the supervisor signs in again and the month's report counts all three.
    await setClock(shell.url, witaDateTimeToMs('2026-12-02', '08:00'));
    // A fresh start of the app in the morning (the session of yesterday has expired).
    await page.goto('about:blank');
    await signIn(page, shell.url, SUPERVISOR);
    await page.locator('nav.sidebar').getByRole('button', { name: /^Survei Kepuasan/ }).click();
    await expect(page.getByTestId('skm-respondents')).toHaveText('3');
    await expect(page.getByTestId('skm-held')).toHaveCount(0);
    await expect(page.getByTestId('skm-element-U8')).toContainText('2');
    const ikm = JSON.parse(
      execFileSync(process.execPath, ['dist/node/cli.mjs', 'ikm', '--from', '2026-12-01', '--to', '2026-12-31', '--json', '--data-dir', dataDir], {
        env: { ...process.env, LPSE_LOG: 'silent' },
        encoding: 'utf8',
      }),
    ) as IkmFigures;
    expect(ikm.respondents).toBe(3);
    const id = (v: number, d: number) => v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d });
    await expect(page.getByTestId('skm-ikm')).toHaveText(id(ikm.ikmConverted!, 2));
    await expect(page.getByTestId('skm-grade')).toContainText(ikm.grade!);
    await expect(page.getByTestId('skm-chart').locator('svg')).toBeVisible();

    // The supervisor writes the improvement plan for the lowest element.
    await page.getByTestId('plan-add').click();
    await page.getByTestId('plan-row-0').getByLabel('Program/kegiatan perbaikan').fill('Papan informasi alur pengaduan di ruang tunggu');
    await page.getByTestId('plan-save').click();
    await expect(page.locator('.toast-success', { hasText: 'Rencana tindak lanjut tersimpan' })).toBeVisible(); // beside any toast still shown
    await shot(page, 'report', true);

    // XLSX and PDF, downloaded as the supervisor would, read back with the same figures.
    const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('skm-export-xlsx').click()]);
    expect(xlsxDl.suggestedFilename()).toBe('laporan-skm-2026-12.xlsx');
    const xlsxFile = path.join(dataDir, 'skm.xlsx');
    await xlsxDl.saveAs(xlsxFile);
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const sheet = wb.getWorksheet('Ringkasan')!;
    const cells = new Map<string, unknown>();
    sheet.eachRow((row) => {
      const label = row.getCell(2).text;
      const codeCell = row.getCell(3).value;
      if (typeof codeCell === 'string' && /^U\d$/.test(codeCell)) cells.set(codeCell, [row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]);
      else if (label) cells.set(label, row.getCell(3).value);
    });
    expect(cells.get('Responden')).toBe(ikm.respondents);
    expect(cells.get('IKM nilai konversi')).toBe(ikm.ikmConverted);
    for (const c of ELEMENT_CODES) expect(cells.get(c), c).toEqual([ikm.elements[c].answered, ikm.elements[c].sum, ikm.elements[c].nrr]);

    const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('skm-export-pdf').click()]);
    const pdfFile = path.join(dataDir, 'skm.pdf');
    await pdfDl.saveAs(pdfFile);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('LAPORAN SURVEI KEPUASAN MASYARAKAT');
    expect(text).toContain('Desember 2026');
    expect(text).toMatch(new RegExp(`IKM = Σ NRR × 1/9\\s+${id(ikm.ikm!, 4)}\\s+${id(ikm.ikmConverted!, 2)}`));
    for (const c of ELEMENT_CODES) {
      const e = ikm.elements[c];
      expect(text, c).toMatch(new RegExp(`${c} [^\\n]*\\s${e.answered}\\s+${e.sum}\\s+${id(e.nrr!, 3)}`));
    }
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Papan informasi alur pengaduan di ruang tunggu');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(SHOTS, 'survey-report-pdf')]);
    fs.rmSync(xlsxFile);
    expect(cspBlocked).toEqual([]);
  } finally {
    await shell.stop();
  }
});

test('the kiosk goes back to its start after 60 s without a touch, and the visit can be surveyed again', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = await startShell(newDataDir('survey-idle'), ['--test-clock']);
  const cspBlocked = watchCsp(page.context());
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '10:00'));
    await signIn(page, shell.url);
    await handOver(page);
    // The kiosk window runs on a fake clock, so a minute of idling takes no minute.
    await page.context().clock.install();
    const [kiosk] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('survey-panel').getByTestId('survey-start-kiosk').click()]);
    await expect(kiosk.getByTestId('kiosk-intro')).toBeVisible();
    await expect(kiosk.locator('nav.sidebar')).toHaveCount(0); // locked to the survey: no staff screens
    await kiosk.getByTestId('kiosk-begin').click();
    await kiosk.getByTestId('kiosk-profile-next').click();
    await kiosk.keyboard.press('4');
    await expect(kiosk.getByTestId('kiosk-question')).toHaveAttribute('data-element', 'U2');
    await kiosk.clock.fastForward(52_000);
    await expect(kiosk.locator('.kiosk-idle')).toContainText('Layar kembali ke awal');
    await kiosk.clock.fastForward(10_000);
    await expect(kiosk.getByTestId('kiosk-standby')).toBeVisible();
    // The survey left the kiosk without a response: the code is still unused.
    await expect(page.getByTestId('survey-on-kiosk')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('survey-panel').getByTestId('survey-start-kiosk')).toBeVisible();
    await page.getByTestId('survey-panel').getByTestId('survey-start-kiosk').click();
    await expect(kiosk.getByTestId('kiosk-intro')).toBeVisible();
    expect(cspBlocked).toEqual([]);
  } finally {
    await shell.stop();
  }
});
