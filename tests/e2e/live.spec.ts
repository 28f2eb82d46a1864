/**
 * Live updates across workstations: two browser shells (PC A, PC B) and one central sync server. A tick on
 * the checklist at A appears on the same visit's screen at B within 2 seconds, with no action at B (no
 * "Sinkronkan sekarang", no reload, no navigation): A's commit is announced, pushed at once, wakes B's wait
 * at the server, B pulls and announces it, B's screen reads the visit again. PC B joins the office by
 * typing the server's whole address into the (empty) address field. PC A runs on a 1366 × 768 monitor with
 * the sync widget enrolled: the top bar stays whole.
 */
import { expect, test, type Page } from '@playwright/test';
import { api, focused, newDataDir, startShell, type RunningShell } from './shell';
import { admin, startSyncServer, type SyncServerProcess } from './sync-server';

const SUPERVISOR = { displayName: 'Hj. Siti Rahmah, S.E.', username: 'kasubbag', password: 'rahasia-123' };

async function typeSignIn(page: Page, username: string, password: string) {
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

let server: SyncServerProcess | null = null;
const shells: RunningShell[] = [];
test.afterEach(async () => {
  for (const s of shells.splice(0)) await s.stop();
  await server?.stop();
  server = null;
});

test('a tick at one workstation appears at the other within 2 seconds, without any action there', async ({ browser }) => {
  test.setTimeout(180_000);
  const serverDir = newDataDir('live-server');
  server = await startSyncServer(serverDir);
  const office = admin(serverDir, ['office', 'create', '--name', 'LPSE Kota Banjarmasin']) as { office: { id: string }; enrollmentCode: string };
  const codeB = (admin(serverDir, ['enroll-code', '--office', office.office.id]) as { enrollmentCode: string }).enrollmentCode;
  const shellA = await startShell(newDataDir('live-a'));
  const shellB = await startShell(newDataDir('live-b'));
  shells.push(shellA, shellB);

  // PC A: set up and enrolled (not the subject here: through the contract), with a visit at the checklist.
  const session = await api<{ token: string }>(shellA, 'auth.setup', SUPERVISOR);
  await api(shellA, 'sync.enroll', { serverUrl: server.url, code: office.enrollmentCode, deviceName: 'Loket Helpdesk 1' }, session.token);
  const reg = await api<{ visit: { visit: { id: string } } }>(
    shellA,
    'visits.register',
    {
      person: { id: null, name: 'Rahmat Hidayat', nik: '6371011503900001', phone: '0812 5123 4567', email: '' },
      company: { id: null, name: 'CV Sumber Rejeki Banua', legalForm: 'CV', npwp: '01.312.166.0-091.000', address: '', email: '', phone: '', leaderName: 'Rahmat Hidayat' },
      visitorRole: 'leader',
      serviceCode: 'aktivasi_user_id',
      purposeNote: '',
      privacyNoticeShown: true,
    },
    session.token,
  );
  const visitId = reg.visit.visit.id;
  await api(shellA, 'visits.startChecklist', { visitId }, session.token);
  await api(shellA, 'sync.now', {}, session.token);

  // PC B, brand new, joins the office: the whole address typed into an empty field.
  const b = await (await browser.newContext()).newPage();
  await b.goto(shellB.url);
  await expect(b.getByRole('heading', { name: 'Penyiapan awal' })).toBeVisible();
  await b.getByTestId('join-office').click();
  const address = b.getByTestId('enroll-form').getByLabel('Alamat server pusat');
  await expect(address).toHaveValue('');
  await expect(address).toBeFocused();
  await b.keyboard.type(server.url); // "http://127.0.0.1:PORT", scheme and all
  await b.keyboard.press('Tab');
  await b.keyboard.type(codeB);
  await b.keyboard.press('Tab');
  await b.keyboard.type('Meja Verifikator');
  await b.keyboard.press('Enter');
  await typeSignIn(b, SUPERVISOR.username, SUPERVISOR.password);
  await b.getByTestId('visit-table').getByRole('row', { name: /Rahmat Hidayat/ }).click();
  await expect(b.getByTestId('verdict-formulir_pendaftaran')).not.toHaveText('✓ Sesuai');

  // PC A on a 1366 × 768 monitor: the same visit.
  const a = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await a.goto(shellA.url);
  await typeSignIn(a, SUPERVISOR.username, SUPERVISOR.password);
  await expect(a.getByTestId('sync-state')).toHaveText('Daring', { timeout: 30_000 });
  const bar = await a.locator('header.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(bar.scroll).toBeLessThanOrEqual(bar.client);
  await a.getByTestId('visit-table').getByRole('row', { name: /Rahmat Hidayat/ }).click();
  await expect.poll(() => focused(a)).toContain('#item-formulir_pendaftaran');

  // The tick at A (Space on the focused checkbox) …
  await a.keyboard.press('Space');
  const ticked = Date.now();
  await expect(a.getByTestId('verdict-formulir_pendaftaran')).toHaveText('✓ Sesuai');
  // … appears at B within 2 seconds, B untouched.
  await expect(b.getByTestId('verdict-formulir_pendaftaran')).toHaveText('✓ Sesuai', { timeout: 2_000 });
  const afterMs = Date.now() - ticked;
  expect(afterMs).toBeLessThan(2_000);
  test.info().annotations.push({ type: 'latency', description: `tick at A shown at B after ${afterMs} ms` });

  // And the other way round, a second tick at B shows at A.
  await b.getByTestId('complete-formulir_keikutsertaan').click();
  await expect(a.getByTestId('verdict-formulir_keikutsertaan')).toHaveText('✓ Sesuai', { timeout: 2_000 });
  await a.context().close();
  await b.context().close();
});
