/**
 * Issue 13 phase 2 on a phone-sized screen: the central server (built `dist/node/server.mjs`, SQLite) with an
 * office's public pages switched on by the admin command. A visitor scans the receipt's QR code, which opens
 * `/kantor/<office id>/survei#t=<code>`: the page's script puts the code in its field and takes it out of the
 * address bar. The visitor answers by touch and by keyboard, first sending the form without any answer (the
 * error summary says so), then sends it; opening the same QR code again, the answer is refused as already
 * given. Screenshots go to LPSE_E2E_SHOTS when set.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { newDataDir } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string, fullPage = true) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

function admin(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, ['dist/node/server.mjs', ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, ['dist/node/server.mjs'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, child, log: () => out };
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

// A code as a receipt prints it (16 Crockford base-32 characters). The PC that printed it has not synced
// yet, so the server does not know it: the answer is held and matched later (tests/sync/survey-phone.test.ts).
const CODE = 'K7QM3XD9PA2FHV8C';
const SHOWN = 'K7QM-3XD9-PA2F-HV8C';

test('the public survey on a phone: code from the QR code, answered by touch and keyboard, then refused when reused', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = newDataDir('public-survey');
  const created = JSON.parse(admin(dataDir, ['office', 'create', '--name', 'Bagian Layanan Pengadaan Setdako Banjarmasin', '--json'])) as { office: { id: string } };
  admin(dataDir, ['office', 'public', '--office', created.office.id, '--slug', 'lpse-banjarmasin', '--on']);
  const { url, child, log } = await startServer(dataDir);
  try {
    await page.goto(`${url}/kantor/${created.office.id}/survei#t=${CODE}`);
    // Counted from when the page is in: the server stamped its form token before it answered, so the
    // form is at least this old at the server (counted from before the request, a slow first answer
    // would leave it younger than the 3 s the server asks for, and the submission refused as too fast).
    const opened = Date.now();
    await expect(page.getByRole('heading', { name: 'Survei Kepuasan Masyarakat' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    // The script took the code from the fragment, and the fragment out of the address bar.
    await expect(page.getByLabel(/^Kode survei/)).toHaveValue(SHOWN);
    await expect(page.getByText('Kode terisi otomatis dari kode QR')).toBeVisible();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'survey-01-form-phone');
    await shot(page, 'survey-01-form-phone-screen', false);

    // Sent without any answer: the summary says what is missing and links to the first question.
    await page.getByRole('button', { name: 'Kirim penilaian' }).tap();
    await expect(page.locator('.error-summary')).toContainText('Jawab paling sedikit satu pertanyaan penilaian.');
    await expect(page.getByLabel(/^Kode survei/)).toHaveValue(SHOWN);

    // The profile: sex by touch, age and the two lists by keyboard.
    await page.getByLabel('Perempuan').tap();
    await page.getByLabel('Umur (tahun)').focus();
    await page.keyboard.type('34', { delay: 80 });
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Pendidikan terakhir')).toBeFocused();
    await page.getByLabel('Pendidikan terakhir').selectOption('D4-S1');
    await page.getByLabel('Pekerjaan utama').selectOption('WIRAUSAHA');

    // U1–U5 by touch, on the answer's label as a thumb would.
    for (const label of ['Sangat sesuai', 'Mudah', 'Cepat', 'Gratis']) await page.locator('.choice', { hasText: new RegExp(`^${label}$`) }).first().tap();
    await page.locator('#f-u5 .choice', { hasText: /^Sesuai$/ }).tap();
    // U6–U9 by keyboard: Tab into the group, arrows choose, Tab to the next question.
    await page.locator('#f-u6-1').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Sangat kompeten')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.locator('#f-u7-1')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Sopan dan ramah', { exact: true })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Dikelola dengan baik')).toBeChecked();
    // U9 left blank: "Pertanyaan yang tidak Anda ketahui boleh dilewati."
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Kirim penilaian' })).toBeFocused();
    await shot(page, 'survey-02-answered-phone');
    await page.locator('#f-u6').scrollIntoViewIfNeeded();
    await shot(page, 'survey-02-answered-phone-screen', false);
    // A person takes longer than the form's shortest fill time (3 s) to read nine questions.
    if (Date.now() - opened < 3_500) await page.waitForTimeout(3_500 - (Date.now() - opened));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Terima kasih' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Penilaian Anda sudah kami terima');
    await shot(page, 'survey-03-thanks-phone');

    // The same QR code again: refused, clearly, and nothing more is held.
    await page.goto(`${url}/kantor/${created.office.id}/survei#t=${CODE}`);
    await expect(page.getByLabel(/^Kode survei/)).toHaveValue(SHOWN);
    await page.locator('#f-u1 .choice', { hasText: /^Tidak sesuai$/ }).tap();
    await page.waitForTimeout(3_500);
    await page.getByRole('button', { name: 'Kirim penilaian' }).tap();
    await expect(page.getByRole('heading', { name: 'Survei sudah diisi' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Kode survei ini sudah digunakan. Setiap kunjungan dapat mengisi survei satu kali.');
    await shot(page, 'survey-04-used-phone');
    // The code never reached the server's log: only the path was requested.
    expect(log()).not.toContain(CODE);
    expect(log()).toContain('public_survey_received');
  } finally {
    child.kill('SIGTERM');
  }
});
