/**
 * The waiting room end to end (issue 16) on demo data and the office clock: three visitors registered at the
 * guest book get numbers; two helpdesk desks call, serve and mark them from the keyboard; the television
 * (a second page, opened from the queue screen) shows each call within a second and its audio element plays
 * the announcement's clips in order. Screenshots: test-results/queue-*.png (TV at 1920 x 1080 during a call
 * and during the slides, the desk screen at 1366 x 768), the slip PDF in test-results/queue-slip.pdf.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { witaIsoDate } from '../../domain/time/wita';
import { api, DEMO_PASSWORD, demoDataDir, gotoOnOfficeClock, OFFICE_NOW, startShell, type RunningShell } from './shell';

const SHOTS = 'test-results';
let shell: RunningShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

async function typeSignIn(page: Page, username: string) {
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
}

async function register(session: string, name: string, nik: string): Promise<string> {
  const reg = await api<{ visit: { visit: { id: string } } }>(
    shell!,
    'visits.register',
    {
      person: { id: null, name, nik, phone: '0812 5123 4567', email: '' },
      company: { id: null, name: `CV ${name}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: name },
      visitorRole: 'leader',
      serviceCode: 'perubahan_email',
      purposeNote: '',
      privacyNoticeShown: true,
    },
    session,
  );
  return reg.visit.visit.id;
}

/** Presses a desk key and measures how long the television takes to show the number at that desk. */
async function callAndWatch(desk: Page, tv: Page, key: string, deskKey: string, label: string): Promise<number> {
  const started = Date.now();
  await desk.keyboard.press(key);
  await expect(tv.getByTestId(`tv-desk-${deskKey}`)).toContainText(label, { timeout: 1000 });
  return Date.now() - started;
}

test('three visitors called and served at two desks; the television shows each call within a second and plays its clips', async ({ page, browser }) => {
  test.setTimeout(180_000);
  shell = await startShell(demoDataDir('queue', 120, 3));
  const helpdesk = await api<{ token: string }>(shell, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD });
  const ids = [await register(helpdesk.token, 'Rahmat Hidayat', '6371011503900001'), await register(helpdesk.token, 'Siti Aminah', '6371014104850002'), await register(helpdesk.token, 'Budi Santoso', '6371010101800003')];

  // Desk 1: helpdesk1 on the queue screen at 1366 x 768.
  await page.setViewportSize({ width: 1366, height: 768 });
  await gotoOnOfficeClock(page, shell.url);
  await typeSignIn(page, 'helpdesk1');
  await page.getByTestId('guestbook-ready').waitFor();
  await page.locator('nav.sidebar').getByRole('button', { name: 'Antrean' }).click();
  await expect(page.getByTestId('queue-list-helpdesk')).toContainText('A003');
  await page.getByTestId('queue-desk-number').selectOption('1');

  // The television: a second page opened from the desk, no session of its own.
  const [tv] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('queue-open-tv').click()]);
  await tv.setViewportSize({ width: 1920, height: 1080 });
  await expect(tv.getByTestId('tv-waiting-helpdesk')).toContainText('A001');
  // One click on the TV at start-up is allowed (browsers' autoplay rules); from then on it plays by itself.
  await tv.mouse.click(960, 540);

  // Desk 2: helpdesk2 in another browser window.
  const ctx2 = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const desk2 = await ctx2.newPage();
  await gotoOnOfficeClock(desk2, shell.url);
  await typeSignIn(desk2, 'helpdesk2');
  await desk2.getByTestId('guestbook-ready').waitFor();
  await desk2.locator('nav.sidebar').getByRole('button', { name: 'Antrean' }).click();
  await desk2.getByTestId('queue-desk-number').selectOption('2');

  // Desk 1 calls the next number with N: A001 on the TV within a second, and its sentence is played.
  await page.getByTestId('queue-next').focus();
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  const t1 = await callAndWatch(page, tv, 'n', 'helpdesk:1', 'A001');
  await expect(tv.getByTestId('tv-call')).toContainText('A001');
  await expect(tv.getByTestId('tv-call')).toContainText('Loket Helpdesk 1');
  await expect(tv.getByTestId('tv')).toHaveAttribute('data-played', 'chime nomor-antrian huruf-a satu silakan-ke-loket loket-helpdesk satu', { timeout: 15_000 });
  await tv.screenshot({ path: path.join(SHOTS, 'queue-tv-call.png') });
  await page.screenshot({ path: path.join(SHOTS, 'queue-desk-1366.png') });

  // Desk 2 calls: A002 at desk 2; then desk 2 marks A002 not present and calls A003.
  await desk2.locator('body').click({ position: { x: 5, y: 700 } });
  const t2 = await callAndWatch(desk2, tv, 'n', 'helpdesk:2', 'A002');
  await desk2.keyboard.press('t');
  await expect(desk2.getByTestId('queue-list-helpdesk')).toContainText('A002');
  // N and at once L, as a quick officer types: the L waits for the call to finish and serves A003.
  const started3 = Date.now();
  await desk2.keyboard.press('n');
  await desk2.keyboard.press('l');
  await expect(tv.getByTestId('tv-desk-helpdesk:2')).toContainText('A003', { timeout: 1000 });
  const t3 = Date.now() - started3;
  await expect(tv.getByTestId('tv-desk-helpdesk:2')).toContainText('Sedang dilayani');
  await expect(desk2.getByTestId('queue-current')).toContainText('A003');
  // Desk 1 serves A001, then calls the next: A002, back after "not present" (nobody else waits).
  await page.keyboard.press('l');
  await expect(tv.getByTestId('tv-desk-helpdesk:1')).toContainText('Sedang dilayani');
  const t4 = await callAndWatch(page, tv, 'n', 'helpdesk:1', 'A002');
  await page.keyboard.press('l');
  await expect(tv.getByTestId('tv-recent')).toContainText('A002');
  await expect(tv.getByTestId('tv-recent')).toContainText('A003');
  // Every announcement in call order: A001@1, A002@2, A003@2, A002@1.
  const sentence = (n: string, desk: string) => `chime nomor-antrian huruf-a ${n} silakan-ke-loket loket-helpdesk ${desk}`;
  await expect(tv.getByTestId('tv')).toHaveAttribute('data-played', [sentence('satu', 'satu'), sentence('dua', 'dua'), sentence('tiga', 'dua'), sentence('dua', 'satu')].join(' '), { timeout: 30_000 });
  for (const t of [t1, t2, t3, t4]) expect(t).toBeLessThan(1000);
  fs.writeFileSync(path.join(SHOTS, 'queue-call-to-tv-ms.json'), JSON.stringify({ callToTvMs: [t1, t2, t3, t4] }));

  // Between calls the slides rotate (12 s each by default): the page's clock moves on.
  await tv.clock.fastForward(13_000);
  await expect(tv.getByTestId('tv-slide')).toBeVisible();
  await tv.screenshot({ path: path.join(SHOTS, 'queue-tv-slide.png') });
  await tv.clock.fastForward(12_000);
  await expect(tv.getByTestId('tv-slide')).toBeVisible();
  await tv.screenshot({ path: path.join(SHOTS, 'queue-tv-slide2.png') });

  // The visit screen shows the number; the slip PDF reads back.
  const board = await api<{ others: { label: string; waitMs: number | null }[] }>(shell, 'queue.board', {}, helpdesk.token);
  expect(board.others.find((t) => t.label === 'A001')?.waitMs).not.toBeNull();
  const q = await api<{ ticket: { ticketId: string; label: string } }>(shell, 'queue.ofVisit', { visitId: ids[2] }, helpdesk.token);
  const slip = await api<{ base64: string }>(shell, 'queue.slip', { ticketId: q.ticket.ticketId, layout: 'thermal80', format: 'pdf' }, helpdesk.token);
  fs.writeFileSync(path.join(SHOTS, 'queue-slip.pdf'), Buffer.from(slip.base64, 'base64'));
  await ctx2.close();

  // The month's queue in the monthly report (item 5): the Kepala Sub Bagian sees today's three numbers.
  const sup = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await gotoOnOfficeClock(sup, shell.url);
  await typeSignIn(sup, 'kasubbag');
  await sup.getByTestId('guestbook-ready').waitFor();
  await sup.getByRole('button', { name: /Laporan Bulanan/ }).click();
  const month = witaIsoDate(OFFICE_NOW).slice(0, 7);
  await sup.getByTestId('report-month').locator('select').nth(1).selectOption(month.slice(0, 4));
  await sup.getByTestId('report-month').locator('select').nth(0).selectOption(String(Number(month.slice(5))));
  const section = sup.getByTestId('report-queue');
  await expect(section.getByTestId('report-queue-Nomor antrean diambil')).toHaveText('3');
  await expect(section.getByTestId('report-queue-Dilayani')).toHaveText('3');
  await expect(section.getByTestId('chart-queue-hours').locator('svg .recharts-bar-rectangle').first()).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: path.join(SHOTS, 'queue-report-section.png') });
  await sup.close();
});

test('the supervisor at 1366 x 768 reaches the queue from the dashboard; no side-menu entry is under the toasts', async ({ page }) => {
  shell = await startShell(demoDataDir('queue-menu', 60, 2));
  await page.setViewportSize({ width: 1366, height: 768 });
  await gotoOnOfficeClock(page, shell.url);
  await typeSignIn(page, 'kasubbag');
  await page.getByTestId('guestbook-ready').waitFor();
  // Not a 15th menu entry: the dashboard shows today's queue and leads to it.
  await expect(page.locator('nav.sidebar').getByRole('button', { name: 'Antrean' })).toHaveCount(0);
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('dashboard-queue')).toContainText('Antrean hari ini: 0 nomor diambil');
  await page.getByTestId('open-queue').click();
  await expect(page.getByTestId('queue-screen')).toBeVisible();
  // Two toasts at once: a refused call (nobody waits) and a second one.
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('n');
  await expect(page.locator('.toast')).toHaveCount(1);
  // The second key once the first action has answered (a key during an action would wait for it).
  await page.keyboard.press('u');
  await expect(page.locator('.toast')).toHaveCount(2);
  const toasts = (await page.locator('.toasts').boundingBox())!;
  const items = page.locator('nav.sidebar .nav-item');
  // The grouped menu scrolls inside its own area above the toasts (ADR 0014): an entry shows only its part
  // inside that area, as in tests/e2e/regressions.spec.ts.
  const menu = (await page.locator('nav.sidebar').boundingBox())!;
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const box = (await items.nth(i).boundingBox())!;
    const top = Math.max(box.y, menu.y);
    const b = { x: box.x, width: box.width, y: top, height: Math.min(box.y + box.height, menu.y + menu.height) - top };
    if (b.height <= 0) continue;
    expect(b.y + b.height, `menu entry ${await items.nth(i).textContent()} inside the window`).toBeLessThanOrEqual(768);
    const overlaps = b.x < toasts.x + toasts.width && toasts.x < b.x + b.width && b.y < toasts.y + toasts.height && toasts.y < b.y + b.height;
    expect(overlaps, `menu entry ${await items.nth(i).textContent()} under the toasts`).toBe(false);
  }
  await page.screenshot({ path: path.join(SHOTS, 'queue-supervisor-1366.png') });
});
