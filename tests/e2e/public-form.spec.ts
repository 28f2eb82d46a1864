/**
 * Issue 12, item 5 on a phone-sized screen: the central server (built `dist/node/server.mjs`, SQLite) opens
 * an office's public pages with the admin command; a complainant fills the complaint form with the keyboard,
 * first sending it empty (the error summary lists every missing field), gets a tracking number and a secret
 * code, and opens the status page of that complaint. No JavaScript is involved: the pages have none.
 * Screenshots go to LPSE_E2E_SHOTS when set.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { newDataDir } from './shell';

const SHOTS = process.env.LPSE_E2E_SHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

function admin(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, ['dist/node/server.mjs', ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/node/server.mjs'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
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
  return { url, child };
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('the public complaint form on a phone: errors listed, sent, tracking number and code, own status page', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = newDataDir('public-form');
  const created = JSON.parse(admin(dataDir, ['office', 'create', '--name', 'Bagian Layanan Pengadaan Setdako Banjarmasin', '--json'])) as { office: { id: string } };
  expect(admin(dataDir, ['office', 'public', '--office', created.office.id, '--slug', 'lpse-banjarmasin', '--on'])).toContain('/kantor/lpse-banjarmasin/pengaduan');
  const { url, child } = await startServer(dataDir);
  try {
    await page.goto(`${url}/kantor/lpse-banjarmasin/pengaduan`);
    await expect(page.getByRole('heading', { name: 'Sampaikan pengaduan' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    // Phone-sized: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'public-01-form-phone');

    // Sent empty: every missing field is listed at the top, each a link to its field, and marked invalid.
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('Nama lengkap wajib diisi.');
    await expect(summary).toContainText('Uraian pengaduan wajib diisi.');
    await expect(summary).toContainText('Centang pernyataan kebenaran isi pengaduan.');
    await expect(page.getByLabel(/^Nama lengkap/)).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'public-02-errors-phone');

    // Filled with the keyboard, from the name field on.
    await page.getByLabel(/^Nama lengkap/).focus();
    await page.keyboard.type('Nurhayati');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jl. Sultan Adam Kompleks Mandiri No. 7, Banjarmasin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0813 4800 1234');
    await page.getByLabel('Layanan', { exact: true }).selectOption('perubahan_email');
    await page.getByLabel(/Nomor tanda terima/).focus();
    await page.keyboard.type('TT-20261123-ABCDEF-002');
    await page.getByLabel(/^Uraian pelayanan/).focus();
    await page.keyboard.type('Perubahan e-mail perusahaan kami belum diproses walaupun sudah lewat satu hari kerja.', { delay: 20 });
    await page.getByLabel(/^Penyelesaian yang Anda minta/).focus();
    await page.keyboard.type('Mohon perubahan e-mail segera diproses.', { delay: 20 });
    await page.getByLabel(/Saya menyatakan/).focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel(/Saya menyatakan/)).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Kirim pengaduan' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Pengaduan Anda telah diterima' })).toBeVisible();
    const number = (await page.locator('#nomor').innerText()).trim();
    const code = (await page.locator('#kode').innerText()).trim();
    expect(number).toMatch(/^PGD-\d{8}-W[0-9A-F]{5}-001$/);
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expect(page.locator('main')).toContainText('Tanggapan paling lambat');
    await shot(page, 'public-03-received-phone');

    await page.getByRole('link', { name: 'Cek status pengaduan' }).first().click();
    await page.getByLabel(/^Nomor pengaduan/).focus();
    await page.keyboard.type(number);
    await page.keyboard.press('Tab');
    await page.keyboard.type(code.toLowerCase());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Status pengaduan' })).toBeVisible();
    await expect(page.locator('#tahap')).toHaveText('Diterima');
    await expect(page.locator('main')).toContainText(number);
    await shot(page, 'public-04-status-phone');
  } finally {
    child.kill('SIGTERM');
  }
});
