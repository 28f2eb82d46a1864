/**
 * Issue 14 (Perwali 67/2018 Pasal 7): the maklumat pelayanan, typed as people do. The Kepala Sub Bagian
 * drafts it from the regulation's three points, adding a fourth (and cannot sign it); the Kepala Bagian
 * signs it with its effective date; the helpdesk then reads it in the app and the waiting-room television
 * shows it. Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import { expect, test } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { shot, setClock, nav, typeInto, addStaff, switchUser } from './staff';
import { newDataDir, signIn, startShell, typeDate } from './shell';


test('the Kepala Sub Bagian drafts the maklumat, the Kepala Bagian signs it, everyone sees it', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const shell = await startShell(newDataDir('maklumat'), ['--test-clock']);
  try {
    await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
    await signIn(page, shell.url);
    await nav(page, 'Akun Petugas');
    await addStaff(page, 'Rina Kasubbag', 'rina', 'kepala_subbagian');
    await addStaff(page, 'Drs. H. Kabag', 'kabag', 'kepala_bagian');
    await addStaff(page, 'Siti Helpdesk', 'siti', 'helpdesk');

    // The Kepala Sub Bagian: none in force yet; the draft starts from the regulation's three points.
    await switchUser(page, 'rina');
    await nav(page, 'Maklumat Pelayanan');
    await expect(page.getByTestId('maklumat-none')).toBeVisible();
    await page.getByTestId('maklumat-edit').click();
    await expect(page.getByTestId('maklumat-point-2')).toHaveValue(/menerima sanksi dan\/atau memberikan kompensasi/);
    // A point left empty is refused, naming it; then a fourth point is typed.
    await page.getByTestId('maklumat-add-point').click();
    await page.getByTestId('maklumat-save').click();
    await expect(page.getByTestId('maklumat-errors')).toContainText('Butir 4: wajib diisi.');
    await page.getByTestId('maklumat-point-3').click();
    await page.keyboard.type('Menjaga kerahasiaan data penyedia barang/jasa yang kami layani.');
    await page.keyboard.press('Tab');
    await page.getByTestId('maklumat-save').click();
    await expect(page.getByTestId('maklumat-draft')).toContainText('Draf versi 1');
    await expect(page.getByTestId('maklumat-draft-text')).toContainText('Menjaga kerahasiaan data penyedia');
    await expect(page.getByTestId('maklumat-approve')).toHaveCount(0); // signing is the Kepala Bagian's
    await expect(page.getByTestId('maklumat-version-1')).toContainText('Draf (menunggu tanda tangan)');
    await shot(page, 'maklumat-01-draft');

    // The Kepala Bagian signs it, in force today.
    await switchUser(page, 'kabag');
    await nav(page, 'Maklumat Pelayanan');
    await expect(page.getByTestId('maklumat-draft-text')).toContainText('Menjaga kerahasiaan data penyedia');
    await typeInto(page, page.getByTestId('maklumat-signer'), 'Drs. H. Kabag, M.Si.');
    await page.getByTestId('maklumat-nip').click();
    await page.keyboard.type('197001011995031001');
    await typeDate(page, page.getByTestId('maklumat-effective'), '01122026');
    await page.getByTestId('maklumat-sign').click();
    await expect(page.getByTestId('maklumat-in-force')).toContainText('Berlaku: versi 1');
    await expect(page.getByTestId('maklumat-in-force')).toContainText('Drs. H. Kabag, M.Si.');
    await expect(page.getByTestId('maklumat-version-1')).toContainText('Berlaku');
    await shot(page, 'maklumat-02-signed');

    // The poster downloads as a PDF.
    const download = page.waitForEvent('download');
    await page.getByTestId('poster-a3-1').click();
    expect((await download).suggestedFilename()).toBe('maklumat-pelayanan-v1-a3.pdf');

    // The helpdesk reads it in the app, and the television shows it between calls.
    await switchUser(page, 'siti');
    await nav(page, 'Maklumat Pelayanan');
    await expect(page.getByTestId('maklumat-in-force-text')).toContainText('Bersedia menerima sanksi dan/atau memberikan kompensasi');
    await expect(page.getByTestId('maklumat-edit')).toHaveCount(0);
    await shot(page, 'maklumat-03-helpdesk');
    await nav(page, 'Antrean');
    const [tv] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('queue-open-tv').click()]);
    await expect(tv.locator('[data-kind="maklumat"]')).toContainText('4. Menjaga kerahasiaan data penyedia', { timeout: 30_000 });
    await expect(tv.locator('[data-kind="maklumat"]')).toContainText('Drs. H. Kabag, M.Si.');
    await shot(tv, 'maklumat-04-tv');
  } finally {
    await shell.stop();
  }
});
