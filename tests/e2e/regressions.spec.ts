/**
 * Regression tests for what a new user ran into (issue 11, "Why"): today's guest-book tabs on a busy office's
 * data, the 1366 × 768 counter monitor, toasts over buttons, Escape in the print preview, and date, month and
 * file controls that are Indonesian whatever the computer's locale (a half-typed or impossible date is never
 * saved). Set LPSE_E2E_SHOTS=<folder> to keep screenshots.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { countEvents, DEMO_PASSWORD, demoDataDir, gotoOnOfficeClock, startShell, type RunningShell } from './shell';

let shell: RunningShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

async function signInAs(page: Page, url: string, username: string) {
  await gotoOnOfficeClock(page, url);
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** A new page in a browser context of its own (viewport, locale). */
async function pageWith(browser: Browser, opts: { width: number; height: number; locale?: string }) {
  const context = await browser.newContext({ viewport: { width: opts.width, height: opts.height }, locale: opts.locale ?? 'id-ID', timezoneId: 'Asia/Makassar' });
  return context.newPage();
}

test('today’s guest book on a busy office: every tab lists exactly the rows it counts, all of today', async ({ page }) => {
  shell = await startShell(demoDataDir('tabs', 1000, 20));
  await signInAs(page, shell.url, 'helpdesk1');
  await page.getByTestId('guestbook-ready').waitFor();
  const table = page.getByTestId('visit-table');
  const counted = async (id: string) => Number(/\((\d+)\)/.exec((await page.getByTestId(id).textContent()) ?? '')![1]);

  const all = await counted('stage-all');
  expect(all).toBeGreaterThan(10);
  await expect(table.locator('tbody tr')).toHaveCount(all);
  let sum = 0;
  for (const stage of ['at_counter', 'returned', 'at_desk', 'finished', 'rejected']) {
    const n = await counted(`stage-${stage}`);
    sum += n;
    await page.getByTestId(`stage-${stage}`).click();
    if (n === 0) await expect(page.getByText('Tidak ada kunjungan hari ini yang cocok.')).toBeVisible();
    else await expect(table.locator('tbody tr')).toHaveCount(n);
    // Rows on a "today" list show a time, never an earlier day's date.
    if (n > 0) for (const t of await table.locator('tbody tr td:first-child').allTextContents()) expect(t).toMatch(/^\d{2}:\d{2}$/);
    await page.getByTestId(`stage-${stage}`).click(); // off again
  }
  expect(sum).toBe(all);
  await expect(table.locator('tbody tr')).toHaveCount(all); // every filter off again: the whole day
  // Rows reading "Selesai" are counted under "Selesai".
  const finishedRows = await table.locator('tbody tr', { has: page.locator('.chip', { hasText: /^Selesai$/ }) }).count();
  expect(await counted('stage-finished')).toBeGreaterThanOrEqual(finishedRows);
  expect(finishedRows).toBeGreaterThan(0);
});

test('on a 1366 × 768 monitor the top bar is whole, the guest table fits its card, and toasts never cover a button', async ({ browser }) => {
  shell = await startShell(demoDataDir('small-screen', 300, 10));
  const page = await pageWith(browser, { width: 1366, height: 768 });
  await signInAs(page, shell.url, 'kasubbag');
  await page.getByTestId('guestbook-ready').waitFor();

  // The top bar: nothing overflows it, nothing is pushed off the screen.
  const bar = await page.locator('header.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(bar.scroll).toBeLessThanOrEqual(bar.client);
  for (const box of await page.locator('header.topbar button, header.topbar .clock, header.topbar .user').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.right).toBeLessThanOrEqual(1366);
    expect(box.height).toBeLessThanOrEqual(40); // one line
  }
  // The guest table fits its card: no column cut off, nothing to scroll sideways.
  const wrap = await page.locator('.table-wrap').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(wrap.scroll).toBeLessThanOrEqual(wrap.client + 1);

  // On a visit still at the counter, actions that raise toasts; no toast may cover a button of the screen.
  await page.getByTestId('stage-returned').click();
  await page.getByTestId('visit-table').locator('tbody tr').first().click();
  await page.getByTestId('resume').click();
  await expect(page.getByText('Pemeriksaan dilanjutkan.')).toBeVisible();
  await page.getByTestId('return-file').click();
  await page.getByTestId('confirm-return').click();
  await expect(page.getByText('Berkas dikembalikan kepada pemohon.')).toBeVisible();
  await page.getByTestId('resume').click();
  await expect(page.getByText('Pemeriksaan dilanjutkan.').first()).toBeVisible();
  const covered = await page.evaluate(() => {
    const toasts = [...document.querySelectorAll('.toast')].map((t) => t.getBoundingClientRect());
    const hits: string[] = [];
    // A menu entry shows only the part inside the menu's own scroll area (the toasts stand below it).
    const menu = document.querySelector('nav.sidebar')!.getBoundingClientRect();
    for (const b of document.querySelectorAll<HTMLElement>('main button, nav button')) {
      const box = b.getBoundingClientRect();
      const r = b.closest('nav.sidebar') ? { left: box.left, right: box.right, top: Math.max(box.top, menu.top), bottom: Math.min(box.bottom, menu.bottom), width: box.width } : box;
      if (r.bottom <= r.top) continue;
      if (r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      if (toasts.some((t) => r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top)) hits.push(b.textContent ?? '');
    }
    return { toasts: toasts.length, hits };
  });
  expect(covered.toasts).toBeGreaterThan(0);
  expect(covered.hits).toEqual([]);
  await page.context().close();
});

test('Escape closes the print preview, also when the focus is inside the previewed document', async ({ page }) => {
  shell = await startShell(demoDataDir('escape', 200, 5));
  await signInAs(page, shell.url, 'helpdesk1');
  await page.getByTestId('stage-at_desk').click();
  await page.getByTestId('visit-table').locator('tbody tr').first().click();
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('print-preview')).toBeVisible();
  // A click into the document (to scroll it) moves the keyboard focus into the frame.
  await page.frameLocator('[data-testid="print-frame"]').locator('body').click();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('print-preview')).toHaveCount(0);
  await expect(page.getByTestId('print-receipt')).toBeFocused();
});

test('date, month and file controls are Indonesian on an English computer, and a half-typed or impossible date is never saved', async ({ browser }) => {
  shell = await startShell(demoDataDir('locale', 200, 5));
  const page = await pageWith(browser, { width: 1440, height: 900, locale: 'en-US' });
  await signInAs(page, shell.url, 'helpdesk1');
  await page.getByTestId('guestbook-ready').waitFor();

  // A new visit for service 1 (its business licence has a validity date).
  await page.getByTestId('lookup-input').press('Tab');
  await page.keyboard.type('Budi Santoso');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6371011503900001');
  await page.locator('input[name="company.name"]').focus();
  await page.keyboard.type('CV Locale Uji');
  await page.locator('select[name="serviceCode"]').focus();
  await page.keyboard.type('1');
  await page.locator('input[name="privacyNoticeShown"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('visit-screen')).toBeVisible();
  const visitId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('lpse-counter-route') ?? '{}').params?.id as string);

  const field = page.getByTestId('valid-until-izin_usaha');
  await expect(field).toContainText('hh/bb/tttt'); // not mm/dd/yyyy
  const marks = () => countEvents(shell!.dataDir, visitId, 'visit.item_marked');
  const before = marks();

  // Half typed (day and month only), then Tab: nothing saved, and the field says why.
  await field.locator('[data-type="day"]').click();
  await page.keyboard.type('3006');
  await page.keyboard.press('Tab');
  await expect(page.getByText('Tanggal belum lengkap')).toBeVisible();
  expect(marks()).toBe(before);

  // An impossible year (the first digit of "2028" alone), then Enter: refused, nothing saved.
  await field.locator('[data-type="year"]').click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tahun 2 tidak masuk akal')).toBeVisible();
  expect(marks()).toBe(before);

  // The rest of the year, Enter: one event with the whole date.
  await page.keyboard.type('028');
  await page.keyboard.press('Enter');
  await expect(field).toContainText('30/06/2028');
  await expect.poll(marks).toBe(before + 1);
  await expect(page.getByText('Tahun 2 tidak masuk akal')).toHaveCount(0);
  await page.context().close();

  // The monthly report's month and the office logo, as the supervisor, on the same English computer.
  const sup = await pageWith(browser, { width: 1440, height: 900, locale: 'en-US' });
  await signInAs(sup, shell.url, 'kasubbag');
  await sup.keyboard.press('Alt+9');
  await expect(sup.getByTestId('report-screen')).toBeVisible();
  await expect(sup.getByTestId('report-month').locator('select').first().locator('option:checked')).toHaveText('Oktober');
  await expect(sup.getByTestId('report-month')).not.toContainText('December');
  await sup.locator('nav.sidebar').getByRole('button', { name: 'Pengaturan Kantor' }).click();
  await expect(sup.getByTestId('office-logo')).toHaveText('Pilih berkas logo…');
  await expect(sup.getByText('Belum ada berkas dipilih')).toBeVisible();
  await expect(sup.locator('input[type="file"]:visible')).toHaveCount(0);
  await sup.context().close();
});
