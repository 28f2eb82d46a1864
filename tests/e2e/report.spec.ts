import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { witaIsoDate } from '../../domain/time/wita';
import { newDataDir, signIn, startShell } from './shell';

test('the supervisor opens the monthly report, sees its charts, and exports it to Excel with progress', async ({ page }) => {
  const dataDir = newDataDir('report');
  // A month of realistic counter work, written as real events by the demo-data generator.
  execFileSync(process.execPath, ['dist/node/cli.mjs', 'demo-data', '--visits', '400', '--days', '15', '--seed', 'e2e', '--data-dir', dataDir], {
    env: { ...process.env, LPSE_LOG: 'silent' },
    stdio: 'ignore',
  });
  const shell = await startShell(dataDir);
  await signIn(page, shell.url, { name: 'H. Muhammad Rizali, S.T.', username: 'kasubbag', password: 'demo-lpse-2026' });

  await page.getByRole('button', { name: /Laporan Bulanan/ }).click();
  await expect(page.getByTestId('report-screen')).toBeVisible();
  const month = witaIsoDate(Date.now()).slice(0, 7);
  // The month picker (Indonesian month names, then the year).
  await page.getByTestId('report-month').locator('select').nth(1).selectOption(month.slice(0, 4));
  await page.getByTestId('report-month').locator('select').nth(0).selectOption(String(Number(month.slice(5))));
  await expect(page.getByTestId('report-cards')).toContainText('Kunjungan');
  await expect(page.getByTestId('chart-volume').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-compliance').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('report-services')).toContainText('Aktivasi User ID');
  await expect(page.getByTestId('report-staff')).toContainText('Rusdiansyah, S.E.');
  await page.screenshot({ path: path.join('test-results', 'report-screen.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toBe(`laporan-bulanan-${month}.xlsx`);
  await expect(page.getByTestId('export-log')).toContainText('XLSX');
  await expect(page.getByTestId('export-log')).toContainText('Disamarkan');
  await shell.stop();
});

test('a screen whose code cannot be loaded shows a message with a reload button, and the rest of the app keeps working', async ({ page }) => {
  const shell = await startShell(newDataDir('lazyfail'));
  await signIn(page, shell.url);
  // As if the app had been rebuilt while this window stayed open: the report screen's file is gone.
  await page.route('**/ReportScreen-*.js', (route) => route.fulfill({ status: 404, body: 'Berkas tidak ditemukan.' }));
  await page.getByRole('button', { name: /Laporan Bulanan/ }).click();
  await expect(page.getByTestId('screen-failed')).toContainText('Layar ini tidak dapat ditampilkan');
  await expect(page.getByRole('button', { name: 'Muat ulang aplikasi' })).toBeVisible();
  await page.getByRole('button', { name: /Buku Tamu/ }).click();
  await expect(page.locator('[data-testid="guestbook-ready"]')).toBeVisible();
  await shell.stop();
});
