import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newDataDir, signIn, startShell, typeDate } from './shell';

const SERVICE_1_LEADER = ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan', 'izin_usaha', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas'];

test('a handover, the receipt saved as PDF from the preview, listing exactly the documents ticked', async ({ page }) => {
  const dataDir = newDataDir('print');
  const shell = await startShell(dataDir);
  // The page's CSP allows no inline style but its per-load nonce (issue 10): nothing may be blocked.
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await signIn(page, shell.url);

  // The company's leader comes in person: no power of attorney is needed.
  await page.locator('input[name="person.name"]').fill('H. Abdul Karim');
  await page.locator('input[name="person.nik"]').fill('6371011503700002');
  await page.locator('input[name="person.phone"]').fill('0811 5100 200');
  await page.locator('input[name="company.name"]').fill('PT Banua Sejahtera Konstruksi');
  await page.locator('input[name="company.npwp"]').fill('02.183.241.5-000.000');
  await page.locator('select[name="serviceCode"]').selectOption('aktivasi_user_id');
  await page.locator('input[name="privacyNoticeShown"]').check();
  await page.getByTestId('register-visit').click();
  await expect(page.getByTestId('visit-screen')).toBeVisible();
  await expect(page.getByTestId('item-surat_kuasa')).toHaveCount(0);

  const ticked: string[] = [];
  for (const code of SERVICE_1_LEADER) {
    const item = page.getByTestId(`item-${code}`);
    ticked.push((await item.locator('.item-title strong').innerText()).trim());
    if (code === 'izin_usaha') {
      await item.getByLabel('Asli diperlihatkan').check();
      await item.getByLabel('Fotokopi diterima').check();
      await typeDate(page, item.getByTestId('valid-until-izin_usaha'), '30062028');
    } else {
      await page.getByTestId(`complete-${code}`).click();
    }
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
  }
  await expect(page.locator('[data-testid^="item-"]')).toHaveCount(SERVICE_1_LEADER.length);
  await page.getByTestId('hand-over').click();
  const receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();
  expect(receiptNo).toMatch(/^TT-\d{8}-[0-9A-F]{6}-\d{3}$/);

  // The print panel offers the receipt; the preview shows it in a sandboxed frame.
  const panel = page.getByTestId('print-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('print-layout').selectOption('a4');
  await panel.getByTestId('print-receipt').click();
  const frame = page.frameLocator('[data-testid="print-frame"]');
  await expect(frame.getByText('TANDA TERIMA BERKAS')).toBeVisible();
  await expect(frame.getByText(`Nomor: ${receiptNo}`)).toBeVisible();
  await expect(page.getByTestId('print-frame')).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
  // The receipt's own stylesheet applies inside the frame (its <style> carries the page's nonce): 2 mm.
  await expect(frame.locator('p.gap-top')).toHaveCSS('margin-top', /^7\.5\d*px$/);
  expect(cspViolations).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save-pdf').click()]);
  expect(download.suggestedFilename()).toBe(`tanda-terima-${receiptNo}-a4.pdf`);
  const file = path.join(dataDir, 'receipt.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(receiptNo);
  expect(text).toContain('Aktivasi User ID Penyedia Barang/Jasa');
  expect(text).toContain('PT Banua Sejahtera Konstruksi');
  // Exactly the ticked documents: the count in the heading, each label, and no other requirement.
  expect(text).toContain(`Dokumen yang diterima (${ticked.length})`);
  for (const label of ticked) expect(text).toContain(label);
  expect(text).not.toContain('Surat Kuasa');
  expect(text).toContain('berlaku s.d. 30 Juni 2028');

  // The print is recorded and listed; a reprint is numbered.
  await page.getByTestId('print-close').click();
  await expect(panel.getByTestId('print-history')).toContainText('Tanda Terima Berkas · A4 · PDF');
  await panel.getByTestId('print-layout').selectOption('thermal58');
  await panel.getByTestId('print-receipt').click();
  await expect(frame.getByText('CETAK ULANG (cetakan ke-2)')).toBeVisible();
  await page.getByTestId('print-close').click();
  fs.rmSync(file, { force: true });
  await shell.stop();
});
