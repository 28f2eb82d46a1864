/**
 * The guest book, the checklist, the verifier's desk and the monthly report at the two monitor sizes of the
 * counter (1366 × 768 and 1920 × 1080), on a busy office's data: nothing overflows sideways, and a screenshot
 * of each is kept for a person to look at (test-results/screens/, or LPSE_E2E_SHOTS).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, DEMO_PASSWORD, demoDataDir, gotoOnOfficeClock, startShell, type RunningShell } from './shell';

const OUT = process.env.LPSE_E2E_SHOTS ?? path.resolve('test-results/screens');
const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

let shell: RunningShell | null = null;
test.beforeAll(async () => {
  shell = await startShell(demoDataDir('screens', 600, 15));
});
test.afterAll(async () => {
  await shell?.stop();
});

async function signInAs(page: Page, username: string) {
  await gotoOnOfficeClock(page, shell!.url);
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Nothing in the content area is wider than the screen, and the top bar holds on one line. */
async function expectFits(page: Page) {
  const main = await page.locator('main.content').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(main.scroll).toBeLessThanOrEqual(main.client + 1);
  const bar = await page.locator('header.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(bar.scroll).toBeLessThanOrEqual(bar.client);
}

/**
 * The supervisor sees every menu entry, grouped, without scrolling the menu; the toasts stand below the
 * menu's last entry, never over it (they share the side column).
 */
async function expectMenuFits(page: Page) {
  const menu = page.locator('nav.sidebar');
  const box = await menu.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, bottom: el.getBoundingClientRect().bottom }));
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
  for (const [group, entry] of [
    ['Layanan', 'Buku Tamu'],
    ['Pengaduan & Survei', 'Survei Kepuasan (SKM)'],
    ['Pengawasan', 'Laporan Bulanan'],
    ['Pengaturan', 'Akun Saya'],
  ] as const) {
    await expect(menu.getByRole('group', { name: group }).getByRole('button', { name: new RegExp(`^${entry.replace(/[()]/g, '\\$&')}`) })).toBeInViewport({ ratio: 1 });
  }
  const toasts = await page.locator('.side .toasts').evaluate((el) => el.getBoundingClientRect().top);
  expect(toasts).toBeGreaterThanOrEqual(box.bottom - 1);
}

async function keep(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

for (const [width, height] of SIZES) {
  test(`guest book, checklist, desk and report at ${width} × ${height}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
    const page = await context.newPage();

    // The helpdesk: the guest book, then a visit at the checklist with some requirements ticked.
    await signInAs(page, 'helpdesk1');
    await page.getByTestId('guestbook-ready').waitFor();
    await expectFits(page);
    await keep(page, `${width}x${height}-1-buku-tamu`);
    const session = await page.evaluate(() => sessionStorage.getItem('lpse-counter-session'));
    const reg = await api<{ visit: { visit: { id: string } } }>(
      shell!,
      'visits.register',
      {
        person: { id: null, name: `Rahmat Hidayat ${width}`, nik: '6371011503900001', phone: '0812 5123 4567', email: '' },
        company: { id: null, name: `CV Sumber Rejeki Banua ${width}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: 'H. Abdul Karim' },
        visitorRole: 'proxy',
        serviceCode: 'aktivasi_user_id',
        purposeNote: '',
        privacyNoticeShown: true,
      },
      session,
    );
    const visitId = reg.visit.visit.id;
    for (const itemCode of ['formulir_pendaftaran', 'formulir_keikutsertaan', 'ktp_direktur']) {
      await api(shell!, 'visits.markItem', { visitId, itemCode, originalSeen: true, copyReceived: itemCode === 'ktp_direktur', validUntil: null, meteraiOk: false, notBrought: false, note: '' }, session);
    }
    await page.getByTestId('visit-table').getByRole('row', { name: new RegExp(`Rahmat Hidayat ${width}`) }).click();
    await expect(page.getByTestId('checklist-progress')).toHaveText(/^3 dari 9/);
    await expectFits(page);
    await keep(page, `${width}x${height}-2-pemeriksaan-berkas`);
    await page.getByRole('button', { name: 'Keluar' }).click();

    // The verifier's desk.
    await signInAs(page, 'verifikator1');
    await expect(page.getByTestId('desk-queue')).toBeVisible();
    await expectFits(page);
    await keep(page, `${width}x${height}-3-meja-verifikator`);
    await page.getByRole('button', { name: 'Keluar' }).click();

    // The supervisor's monthly report.
    await signInAs(page, 'kasubbag');
    await page.keyboard.press('Alt+9');
    await expect(page.getByTestId('report-cards')).toBeVisible();
    await expect(page.getByTestId('chart-volume').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
    await expectFits(page);
    await expectMenuFits(page);
    await keep(page, `${width}x${height}-4-laporan-bulanan`);
    // A toast ("Ekspor CSV selesai") takes room below the menu, covering no entry.
    await page.getByTestId('export-csv').click();
    await expect(page.locator('.side .toast')).toContainText('Ekspor CSV selesai');
    await expectMenuFits(page);
    await keep(page, `${width}x${height}-5-menu-dan-notifikasi`);
    await context.close();
  });
}
