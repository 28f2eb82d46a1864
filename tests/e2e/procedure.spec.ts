/**
 * Issue 14, item 2: the service's procedure step by step and its guarantees, where the file is served. The
 * helpdesk registers a service 7 visit (Pendampingan SPSE) and reads the regulation's steps beside the
 * checklist; the system admin takes the file at the desk and reads the same steps and guarantees there. The
 * time limit of service 7 is shown once ("Jangka waktu penyelesaian…", not "Jangka waktu Jangka waktu…").
 * Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { shot, setClock, nav, addStaff, switchUser } from './staff';
import { newDataDir, signIn, startShell } from './shell';

const SERVICE_7 = PERWALI_67_2018.services.find((s) => s.number === 7)!;

async function expectProcedure(page: Page) {
  const panel = page.getByTestId('service-procedure');
  await expect(panel).toContainText('Standar Pelayanan katalog versi 1');
  const steps = panel.getByTestId('procedure-steps').locator('li');
  await expect(steps).toHaveText(SERVICE_7.procedure);
  await expect(panel.getByTestId('service-guarantees').locator('li')).toHaveText(SERVICE_7.serviceGuarantee);
  await expect(panel).toContainText(`Produk pelayanan: ${SERVICE_7.product}`);
}

test('the procedure and guarantees of the service are shown step by step on the visit and at the desk', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const shell = await startShell(newDataDir('procedure'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
    await signIn(page, shell.url);
    await nav(page, 'Akun Petugas');
    await addStaff(page, 'Siti Helpdesk', 'siti', 'helpdesk');
    await addStaff(page, 'Andi Admin Sistem', 'andi', 'sysadmin');

    await switchUser(page, 'siti');
    await page.locator('input[name="person.name"]').click();
    await page.keyboard.type('Rahmat Hidayat');
    await page.locator('input[name="person.nik"]').click();
    await page.keyboard.type('6371011503900001');
    await page.locator('input[name="company.name"]').click();
    await page.keyboard.type('CV Sumber Rejeki Banua');
    await page.locator('input[name="company.npwp"]').click();
    await page.keyboard.type('013121660091000');
    await page.locator('input[name="company.leaderName"]').click();
    await page.keyboard.type('Rahmat Hidayat');
    await page.locator('select[name="serviceCode"]').selectOption('pendampingan_spse');
    await page.locator('input[name="privacyNoticeShown"]').check();
    await page.locator('input[name="company.name"]').press('Control+Enter');
    const screen = page.getByTestId('visit-screen');
    await expect(screen).toBeVisible();
    await expect(screen).toContainText('Jangka waktu penyelesaian kendala teknis');
    await expect(screen).not.toContainText('Jangka waktu Jangka waktu');
    await expectProcedure(page);
    await shot(page, 'procedure-01-visit');

    for (const code of SERVICE_7.requirements.map((r) => r.code)) {
      await page.getByTestId(`complete-${code}`).click();
      await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
    }
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('admin sistem');

    await switchUser(page, 'andi');
    await nav(page, 'Kasus Admin Sistem');
    await page.getByTestId('desk-queue').locator('tbody tr').filter({ hasText: 'Rahmat Hidayat' }).click();
    await expect(page.getByTestId('desk-status')).toBeVisible();
    await expectProcedure(page);
    await shot(page, 'procedure-02-desk');
  } finally {
    await shell.stop();
  }
});

test('the Standar Pelayanan screen saves the standard and the vendor handout of a service as A4 PDFs', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const shell = await startShell(newDataDir('standard-print'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
    await signIn(page, shell.url);
    await nav(page, 'Dasbor Supervisor');
    await page.getByTestId('open-standard').click();
    const prints = page.getByTestId('standard-prints');
    await expect(prints.getByTestId('print-service-pendampingan_spse')).toContainText('Pelayanan Penggunaan dan Pendampingan');
    await shot(page, 'procedure-03-standard-prints');

    const out = fs.mkdtempSync(path.join(shell.dataDir, 'pdf-'));
    for (const [id, expected] of [
      ['print-standard-aktivasi_user_id', ['STANDAR PELAYANAN', 'Evaluasi Kinerja Pelaksana', 'Jumlah Pelaksana']],
      ['print-handout-pendampingan_spse', ['PERSYARATAN YANG PERLU DIBAWA', 'Bawa Laporan Permasalahan Aplikasi SPSE']],
    ] as const) {
      const button = prints.getByTestId(id);
      await button.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const file = path.join(out, download.suggestedFilename());
      await download.saveAs(file);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const e of expected) expect(text).toContain(e);
      await expect(page.locator('.toast').last()).toContainText('disimpan sebagai PDF');
    }
  } finally {
    await shell.stop();
  }
});
