/**
 * Issue 14: the service standard as living data, typed as people do. The Kepala Sub Bagian drafts a catalogue
 * version adding "Reset Password User ID" (a draft without a requirement is refused with the field named);
 * the Kepala Bagian reads the change and publishes it with its regulation and effective date; the helpdesk
 * then serves a visit for the new service, handed over to a NEW handling unit "Unit Layanan Pengaduan" the draft
 * adds (served by verifiers): the verifier finds its desk in the menu, the file in its list, and the receipt
 * names the unit. No code changed for the service or the unit.
 * Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { shot, setClock, nav, typeInto, addStaff, switchUser } from './staff';
import { newDataDir, signIn, startShell, typeDate } from './shell';


/** The Standar Pelayanan screen, reached from the supervisor's dashboard (renderer/src/nav.ts). */
async function openStandard(page: Page) {
  await nav(page, 'Dasbor Supervisor');
  await page.getByTestId('open-standard').click();
  await expect(page.getByTestId('standard-screen')).toBeVisible();
}

test('the Kepala Sub Bagian drafts "Reset Password User ID", the Kepala Bagian publishes it, the helpdesk serves it', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const shell = await startShell(newDataDir('standard'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
    await signIn(page, shell.url);
    await nav(page, 'Akun Petugas');
    await addStaff(page, 'Rina Kasubbag', 'rina', 'kepala_subbagian');
    await addStaff(page, 'Drs. H. Kabag', 'kabag', 'kepala_bagian');
    await addStaff(page, 'Siti Helpdesk', 'siti', 'helpdesk');
    await addStaff(page, 'Budi Verifikator', 'budi', 'verifier');

    // The Kepala Sub Bagian drafts the next version: a copy of the one in force, plus a new service.
    await switchUser(page, 'rina');
    await openStandard(page);
    await expect(page.getByTestId('catalogue-version-1')).toContainText('Berlaku');
    await page.getByTestId('start-draft').click();
    await expect(page.getByTestId('draft-editor')).toContainText('Draf versi 2');
    await page.getByTestId('add-service').click();
    await typeInto(page, page.getByTestId('svc-name'), 'Reset Password User ID');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Reset Password');
    await typeInto(page, page.getByTestId('svc-code'), 'reset_password_user_id');
    await typeInto(page, page.getByTestId('svc-limit'), '30');
    await page.getByTestId('svc-limit-unit').selectOption('minutes');
    // A new handling unit, served by the verifiers, named and given its desk by the draft alone.
    // By keyboard: open the section, add a unit, and the cursor is in the new unit's name.
    await page.getByTestId('units-editor').locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('add-unit').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('unit-2-name')).toBeFocused();
    await page.keyboard.type('Unit Layanan Pengaduan');
    await expect(page.getByTestId('unit-2-code')).toHaveValue('unit_layanan_pengaduan');
    await expect(page.getByTestId('unit-2-role-verifier')).toBeChecked();
    await page.getByTestId('svc-handler').selectOption('unit_layanan_pengaduan');
    await typeInto(page, page.getByTestId('svc-product'), 'Password User ID SPSE direset dan dikirim ke e-mail terdaftar.');
    await page.getByTestId('svc-procedure').click();
    await page.keyboard.type('Penyedia mengajukan permohonan di helpdesk.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Admin sistem mereset password User ID.');
    await page.keyboard.press('Tab');

    // Without a requirement the draft is refused, naming the service and the field.
    await page.getByTestId('save-draft').click();
    await expect(page.getByTestId('draft-errors')).toContainText('Layanan 8 (Reset Password User ID), Persyaratan: minimal satu persyaratan.');
    await page.getByTestId('add-requirement').click();
    await typeInto(page, page.getByTestId('req-0-label'), 'Surat Permohonan');
    await typeInto(page, page.getByTestId('req-0-code'), 'surat_permohonan');
    await typeInto(page, page.getByTestId('req-0-description'), 'Surat permohonan reset password ditandatangani pimpinan perusahaan.');
    await page.getByTestId('save-draft').click();
    await expect(page.getByTestId('draft-errors')).toHaveCount(0);
    await expect(page.getByTestId('draft-changes')).toContainText('Layanan baru: Reset Password User ID');
    await expect(page.getByTestId('draft-changes')).toContainText('Unit baru: Unit penanganan Unit Layanan Pengaduan');
    await expect(page.getByTestId('publish-form')).toHaveCount(0); // publishing is the Kepala Bagian's
    await shot(page, 'standard-01-draft');

    // The Kepala Bagian reads the change and publishes it, in force today.
    await switchUser(page, 'kabag');
    await openStandard(page);
    await expect(page.getByTestId('draft-changes')).toContainText('Layanan baru: Reset Password User ID');
    await page.getByTestId('publish-source').click();
    await page.keyboard.type('Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026');
    await typeDate(page, page.getByTestId('publish-effective'), '01122026');
    await page.getByTestId('publish-draft').click();
    await expect(page.getByTestId('catalogue-version-2')).toContainText('Berlaku');
    await expect(page.getByTestId('catalogue-version-1')).toContainText('Digantikan');
    await shot(page, 'standard-02-published');

    // The helpdesk serves a visit for the new service.
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
    await page.locator('select[name="serviceCode"]').selectOption('reset_password_user_id');
    await page.locator('input[name="privacyNoticeShown"]').check();
    await page.locator('input[name="company.name"]').press('Control+Enter');
    await expect(page.getByTestId('visit-screen')).toBeVisible();
    await expect(page.getByTestId('visit-screen')).toContainText('Reset Password User ID');
    await page.getByTestId('complete-surat_permohonan').click();
    await expect(page.getByTestId('verdict-surat_permohonan')).toHaveText('✓ Sesuai');
    await page.getByTestId('hand-over').click();
    await expect(page.getByTestId('handed-over-banner')).toContainText('diserahkan ke Unit Layanan Pengaduan');
    // The receipt says where the file went: the unit's name from the catalogue version.
    const panel = page.getByTestId('print-panel');
    await panel.getByTestId('print-layout').selectOption('a4');
    await panel.getByTestId('print-receipt').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect(frame.getByText('TANDA TERIMA BERKAS')).toBeVisible();
    await expect(frame.locator('table.fields')).toContainText('Unit Layanan Pengaduan');
    await shot(page, 'standard-03-served');
    await page.getByTestId('print-close').click();

    // The verifier finds the unit's desk in the menu and the file in its list, and takes it.
    await switchUser(page, 'budi');
    await nav(page, 'Meja Unit Layanan Pengaduan');
    await expect(page.getByRole('heading', { name: 'Antrean Meja Unit Layanan Pengaduan' })).toBeVisible();
    const queue = page.getByTestId('desk-queue');
    await expect(queue.locator('tbody tr')).toHaveCount(1);
    await expect(queue.locator('tbody tr').first()).toContainText('Rahmat Hidayat');
    await shot(page, 'standard-04-unit-desk');
    await queue.locator('tbody tr').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-file')).toBeVisible();
    await page.getByTestId('claim').click();
    await expect(page.getByTestId('desk-status')).toContainText('Diproses');
  } finally {
    await shell.stop();
  }
});
