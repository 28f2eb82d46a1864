import { expect, test } from '@playwright/test';
import { newDataDir, signIn, startShell, typeDate } from './shell';

test('a proxy visitor for service 1 is returned incomplete, comes back after a restart, and is handed to the verifier', async ({ page }) => {
  const dataDir = newDataDir('guestbook');
  let shell = await startShell(dataDir);
  await signIn(page, shell.url);

  // Guest-book entry, done from the keyboard where it matters.
  await page.locator('input[name="person.name"]').fill('Rahmat Hidayat');
  await page.locator('input[name="person.nik"]').fill('6371011503900001');
  await page.locator('input[name="person.phone"]').fill('0812 5123 4567');
  await page.getByLabel('Kuasa (membawa surat kuasa)').check();
  await page.locator('input[name="company.name"]').fill('CV Sumber Rejeki Banua');
  await page.locator('input[name="company.npwp"]').fill('01.312.166.0-091.000');
  await page.locator('input[name="company.leaderName"]').fill('H. Abdul Karim');
  await page.locator('select[name="serviceCode"]').selectOption('aktivasi_user_id');
  await page.locator('input[name="privacyNoticeShown"]').check();
  await page.locator('input[name="company.name"]').press('Control+Enter');

  await expect(page.getByTestId('visit-screen')).toBeVisible();
  await expect(page.getByTestId('item-surat_kuasa')).toBeVisible(); // proxy-only item shown for a proxy
  for (const code of ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur', 'npwp_perusahaan', 'akta_pendirian', 'akta_perubahan_terakhir', 'map_berkas']) {
    await page.getByTestId(`complete-${code}`).click();
    await expect(page.getByTestId(`verdict-${code}`)).toHaveText('✓ Sesuai');
  }
  await page.getByTestId('item-izin_usaha').getByLabel('Asli diperlihatkan').check();
  await expect(page.getByTestId('item-izin_usaha').getByLabel('Asli diperlihatkan')).toBeChecked();
  await page.getByTestId('item-izin_usaha').getByLabel('Fotokopi diterima').check();
  await expect(page.getByTestId('item-izin_usaha').getByLabel('Fotokopi diterima')).toBeChecked();
  await typeDate(page, page.getByTestId('valid-until-izin_usaha'), '30062028');
  await expect(page.getByTestId('verdict-izin_usaha')).toHaveText('✓ Sesuai');
  await page.getByTestId('missing-surat_kuasa').click();
  await expect(page.getByTestId('verdict-surat_kuasa')).toHaveText('Tidak dibawa');
  await expect(page.getByTestId('hand-over')).toBeDisabled();

  await page.getByTestId('return-file').click();
  await expect(page.getByTestId('missing-list')).toHaveText(/Surat Kuasa/);
  await expect(page.getByTestId('missing-list').locator('li')).toHaveCount(1);
  await page.getByTestId('confirm-return').click();
  await expect(page.getByTestId('returned-banner')).toContainText('Surat Kuasa');

  // The app is closed and opened again: nothing is lost.
  await shell.stop();
  shell = await startShell(dataDir);
  await signIn(page, shell.url);

  // The company comes back; the helpdesk finds it by NPWP prefix.
  await page.getByTestId('lookup-input').fill('01.312');
  const results = page.getByTestId('lookup-results');
  await expect(results).toContainText('CV Sumber Rejeki Banua');
  await expect(results).toContainText('1 berkas dikembalikan');
  await page.getByTestId('lookup-input').press('Enter');
  await expect(page.locator('input[name="company.name"]')).toHaveValue('CV Sumber Rejeki Banua');
  await page.getByRole('button', { name: 'Lanjutkan berkas tersebut' }).click();
  await page.getByTestId('visit-table').getByText('Rahmat Hidayat').click();

  await page.getByTestId('resume').click();
  await expect(page.getByTestId('verdict-ktp_direktur')).toHaveText('✓ Sesuai'); // nothing re-typed
  await page.getByTestId('complete-surat_kuasa').click();
  await expect(page.getByTestId('checklist-progress')).toHaveText('9 dari 9 persyaratan terpenuhi');
  await page.screenshot({ path: 'test-results/checklist-complete.png', fullPage: true });
  // The count is shown whole (a report style of the same class name once clipped it to 8 px).
  expect(await page.getByTestId('checklist-progress').evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(0);
  await page.getByTestId('hand-over').click();
  await expect(page.getByTestId('handed-over-banner')).toContainText('verifikator');
  await expect(page.getByTestId('receipt-no')).toHaveText(/^TT-\d{8}-[0-9A-F]{6}-\d{3}$/);

  // The guest book shows the visit as handed over, and it survives another restart.
  await shell.stop();
  shell = await startShell(dataDir);
  await signIn(page, shell.url);
  const row = page.getByTestId('visit-table').getByRole('row', { name: /Rahmat Hidayat/ });
  await expect(row).toContainText('Menunggu verifikator'); // the one status vocabulary (domain/visit-status.ts)
  // The service clock runs against the service's time limit, in the list too.
  await expect(row.locator('[data-testid^="visit-clock-"]')).toHaveText(/^(Sisa|Terlambat|Belum dihitung|Selesai)/);
  await page.screenshot({ path: 'test-results/guestbook-list.png', fullPage: true });
  await shell.stop();
});

test('bad input in the guest book shows Indonesian messages beside the fields and records nothing', async ({ page }) => {
  const shell = await startShell(newDataDir('badinput'));
  await signIn(page, shell.url);
  await page.locator('input[name="person.name"]').fill('Budi');
  await page.locator('input[name="person.nik"]').fill('1234');
  await page.locator('input[name="company.name"]').fill('PT Contoh');
  await page.locator('input[name="company.npwp"]').fill('12345');
  await page.locator('input[name="person.phone"]').fill('12');
  await page.locator('select[name="serviceCode"]').selectOption('perubahan_email');
  await page.locator('input[name="privacyNoticeShown"]').check();
  await page.getByTestId('register-visit').click();
  await expect(page.getByText('NIK harus terdiri atas 16 digit')).toBeVisible();
  await expect(page.locator('.field-error').filter({ hasText: 'NPWP' })).toBeVisible();
  await expect(page.getByText('Belum ada pengunjung hari ini.')).toBeVisible();
  await shell.stop();
});
