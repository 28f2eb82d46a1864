/**
 * A fast officer's keys, back to back: each key takes effect, in order, even when it is pressed while the
 * action of the key before is still being answered. To press the second key inside that moment every time
 * (and not only on a slow machine), the answer of the first is held back at the network (page.route) until
 * the second key has been pressed; then both must have done what they say. Found by an audit after a CI run
 * lost the L of "N, L" on the queue desk (renderer/src/queue/QueueScreen.tsx).
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { api, DEMO_PASSWORD, demoDataDir, gotoOnOfficeClock, newDataDir, signIn, startShell, SUPERVISOR, typeFirstPaperRow, type RunningShell } from './shell';

let shell: RunningShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

async function setClock(url: string, ms: number) {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

/** Holds every call of a contract method at the network until `release()`; `held()` resolves once one is waiting. */
async function hold(page: Page, method: string): Promise<{ held: Promise<void>; release: () => void }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const held = new Promise<void>((r) => (arrived = r));
  await page.route(`**/api/${method}`, async (route: Route) => {
    arrived();
    await gate;
    await route.continue();
  });
  return { held, release };
}

/**
 * The paper-questionnaire grid with its first row typed and Ctrl+S pressed, its save held at the network:
 * `save.release()` lets it answer; `saves()` counts the saves sent.
 */
async function firstPaperRowSaving(page: Page, dir: string): Promise<{ save: { release: () => void }; saves: () => number }> {
  shell = await startShell(newDataDir(dir), ['--test-clock']);
  await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
  await signIn(page, shell.url);
  await typeFirstPaperRow(page);
  const save = await hold(page, 'survey.recordPaper');
  let saves = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/survey.recordPaper')) saves++;
  });
  await page.keyboard.press('Control+s');
  await save.held;
  return { save, saves: () => saves };
}

async function register(session: string, input: { name: string; nik: string; company: string | null; serviceCode: string }): Promise<string> {
  const r = await api<{ visit: { visit: { id: string } } }>(
    shell!,
    'visits.register',
    {
      person: { id: null, name: input.name, nik: input.nik, phone: '0812 5123 4567', email: '' },
      company: input.company ? { id: null, name: input.company, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: input.name } : null,
      visitorRole: 'leader',
      serviceCode: input.serviceCode,
      purposeNote: '',
      privacyNoticeShown: true,
    },
    session,
  );
  return r.visit.visit.id;
}

test('the last tick and at once Enter on the handover hands the file over; Alt+S at once after it opens the kiosk', async ({ page }) => {
  shell = await startShell(newDataDir('races-checklist'), ['--test-clock']);
  await setClock(shell.url, witaDateTimeToMs('2026-12-01', '09:00'));
  await signIn(page, shell.url);
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await register(session.token, { name: 'Rahmat Hidayat', nik: '6371011503900001', company: 'CV Sumber Rejeki Banua', serviceCode: 'pendampingan_spse' });
  await page.getByTestId('visit-table').getByRole('row', { name: /Rahmat Hidayat/ }).click();
  await expect(page.getByTestId('visit-screen')).toBeVisible();
  await page.getByTestId('complete-surat_permohonan').click();
  await expect(page.getByTestId('verdict-surat_permohonan')).toHaveText('✓ Sesuai');

  // The last requirement with Enter, and Enter on the handover while that tick is still being saved.
  const tick = await hold(page, 'visits.markItem');
  // The survey panel reads the visit again after the handover: held too, so Alt+S below meets the state
  // from before it (not yet eligible), as it does when the officer is quicker than that read.
  const status = await hold(page, 'survey.visitStatus');
  await page.getByTestId('complete-laporan_permasalahan').focus();
  await page.keyboard.press('Enter');
  await tick.held;
  await page.getByTestId('hand-over').focus();
  await page.keyboard.press('Enter');
  tick.release();
  await expect(page.getByTestId('verdict-laporan_permasalahan')).toHaveText('✓ Sesuai');
  await expect(page.getByTestId('handed-over-banner')).toBeVisible();

  // Alt+S at once: the survey goes to the kiosk for this visit.
  const kioskOpened = page.context().waitForEvent('page', { timeout: 15_000 });
  await page.keyboard.press('Alt+s');
  status.release();
  const kiosk = await kioskOpened;
  await expect(kiosk.getByTestId('kiosk-intro')).toBeVisible();
  await expect(page.getByTestId('survey-on-kiosk')).toBeVisible();
});

test('Enter in the guest book search picks what was typed, even before its results are in', async ({ page }) => {
  shell = await startShell(newDataDir('races-lookup'));
  await signIn(page, shell.url);
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await register(session.token, { name: 'Ahmad Fauzi', nik: '6371011503900001', company: 'CV Karya Abadi', serviceCode: 'perubahan_email' });
  await register(session.token, { name: 'Dewi Lestari', nik: '6371014104850002', company: 'CV Karya Sentosa', serviceCode: 'perubahan_email' });
  const search = page.getByTestId('lookup-input');
  const company = page.locator('input[name="company.name"]');

  // The name and Enter at once, before any result is shown: the company is filled in, nothing is submitted.
  await search.focus();
  let lookup = await hold(page, 'lookup.search');
  await page.keyboard.type('CV Karya S');
  await page.keyboard.press('Enter');
  lookup.release();
  await expect(company).toHaveValue('CV Karya Sentosa');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await page.unroute('**/api/lookup.search');
  await page.getByRole('button', { name: 'Kosongkan formulir' }).click();
  await expect(company).toHaveValue('');

  // The list of a shorter query is on screen ("CV Karya": Abadi first), the typist goes on and presses
  // Enter before the list has caught up: the pick is of what was typed, not the first row of the old list.
  await search.focus();
  await page.keyboard.type('CV Karya');
  await expect(page.getByTestId('lookup-results')).toContainText('CV Karya Sentosa');
  await expect(page.getByTestId('lookup-results').getByRole('option').first()).toContainText('CV Karya Abadi');
  lookup = await hold(page, 'lookup.search');
  await page.keyboard.type(' S');
  await page.keyboard.press('Enter');
  lookup.release();
  await expect(company).toHaveValue('CV Karya Sentosa');
});

test('a guest book search that fails says so, and Enter asks again and picks what was typed', async ({ page }) => {
  shell = await startShell(newDataDir('races-lookup-failed'));
  await signIn(page, shell.url);
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await register(session.token, { name: 'Ahmad Fauzi', nik: '6371011503900001', company: 'CV Karya Abadi', serviceCode: 'perubahan_email' });
  // The first search is answered with an error (the backend busy), the ones after it normally.
  let searches = 0;
  await page.route('**/api/lookup.search', async (route: Route) => {
    if (searches++ > 0) return route.continue();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'Basis data sedang sibuk.' } }) });
  });
  const search = page.getByTestId('lookup-input');
  await search.focus();
  await page.keyboard.type('CV Karya');
  await expect(page.getByTestId('lookup-error')).toContainText('Pencarian gagal: Basis data sedang sibuk.');
  await expect(search).toBeFocused();
  // Enter on the failed query asks again and picks its first result.
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name="company.name"]')).toHaveValue('CV Karya Abadi');
  await expect(page.getByTestId('lookup-error')).toHaveCount(0);
  expect(searches).toBe(2);
});

test('paper questionnaires: Ctrl+S twice records them once, and the next one typed while saving stays', async ({ page }) => {
  // Ctrl+S, Ctrl+S again, Enter and the next questionnaire, all while the first save is being answered.
  const { save, saves } = await firstPaperRowSaving(page, 'races-paper');
  await page.keyboard.press('Control+s');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('paper-row-1').getByLabel('Baris 2: jenis kelamin (L/P)')).toBeFocused();
  await page.keyboard.type('l4');
  save.release();
  await expect(page.locator('.toast-success', { hasText: '1 kuesioner kertas tersimpan' })).toBeVisible();
  // The questionnaire begun meanwhile is the grid's first row now, with the focus still in it.
  await expect(page.getByTestId('paper-row-1')).toHaveCount(0);
  const next = page.getByTestId('paper-row-0');
  await expect(next.getByLabel('Baris 1: jenis kelamin (L/P)')).toHaveValue('L');
  await expect(next.getByLabel('Baris 1: usia (tahun)')).toBeFocused();
  await page.keyboard.type('2');
  await expect(next.getByLabel('Baris 1: usia (tahun)')).toHaveValue('42');
  expect(saves()).toBe(1);
});

test('paper questionnaires: leaving the grid while Ctrl+S saves does not offer the saved rows again', async ({ page }) => {
  const { save, saves } = await firstPaperRowSaving(page, 'races-paper-leave');
  // The typist goes to the guest book while the save is being answered, then comes back.
  await page.locator('nav.sidebar').getByRole('button', { name: /^Buku Tamu/ }).click();
  save.release();
  await expect(page.locator('.toast-success', { hasText: '1 kuesioner kertas tersimpan' })).toBeVisible();
  await page.locator('nav.sidebar').getByRole('button', { name: /^Survei Kepuasan/ }).click();
  await page.getByTestId('open-paper-entry').click();
  const row0 = page.getByTestId('paper-row-0');
  await expect(row0.getByLabel('Baris 1: usia (tahun)')).toHaveValue('');
  await expect(page.getByTestId('paper-row-1')).toHaveCount(0);
  await row0.getByLabel('Baris 1: jenis kelamin (L/P)').focus();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.toast-error', { hasText: 'Belum ada kuesioner yang diisi.' })).toBeVisible();
  expect(saves()).toBe(1);
});

test('the waiting room: "Kembalikan ke antrean" on one number and at once on another brings both back', async ({ page }) => {
  shell = await startShell(demoDataDir('races-queue', 60, 2));
  const helpdesk = await api<{ token: string }>(shell, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD });
  await register(helpdesk.token, { name: 'Rahmat Hidayat', nik: '6371011503900001', company: 'CV Rahmat Hidayat', serviceCode: 'perubahan_email' });
  await register(helpdesk.token, { name: 'Siti Aminah', nik: '6371014104850002', company: 'CV Siti Aminah', serviceCode: 'perubahan_email' });
  // Both called and finished at the desk before their files were done, so they are away from the queue
  // (through the contract: not the subject here).
  const desk = { role: 'helpdesk', number: 1 };
  const labels: string[] = [];
  for (let i = 0; i < 2; i++) {
    const called = await api<{ ticket: { ticketId: string; label: string } }>(shell, 'queue.callNext', { desk }, helpdesk.token);
    await api(shell, 'queue.finish', { desk, ticketId: called.ticket.ticketId }, helpdesk.token);
    labels.push(called.ticket.label);
  }
  expect(new Set(labels).size).toBe(2);

  await gotoOnOfficeClock(page, shell.url);
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await page.keyboard.type('helpdesk1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('guestbook-ready').waitFor();
  await page.locator('nav.sidebar').getByRole('button', { name: 'Antrean' }).click();
  const others = page.locator('section', { has: page.getByRole('heading', { name: 'Dipanggil dan dilayani hari ini' }) });
  const back = (label: string) => others.getByTestId(`queue-row-${label}`).getByRole('button', { name: 'Kembalikan ke antrean' });
  await expect(back(labels[0]!)).toBeVisible();
  await expect(back(labels[1]!)).toBeVisible();

  const rejoin = await hold(page, 'queue.rejoin');
  await back(labels[0]!).click();
  await rejoin.held;
  await back(labels[1]!).click();
  rejoin.release();
  await expect(others.getByRole('button', { name: 'Kembalikan ke antrean' })).toHaveCount(0);
  for (const label of labels) await expect(page.getByTestId('queue-list-helpdesk')).toContainText(label);
});
