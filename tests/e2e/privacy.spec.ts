/**
 * Personal data (issue 15 item 6, ADR 0019), typed as the head of the unit would: the data-protection officer
 * given at first setup, a visitor's written request handled on the Data Pribadi screen — found by name,
 * their data erased with its basis — the erasure in the register, the visit still counted but nameless, and
 * the database no longer holding the name, NIK or phone. The shell encrypts its database (ADR 0017), so the
 * files are searched twice: byte-wise (never a plaintext copy, before or after) and, decrypted with the
 * folder's key, every row of every table (the data is there before the erasure and gone after it). The
 * byte-wise search of a plain database, free pages included, is tests/privacy/erasure-sync.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { existingFileDatabaseKey } from '../../db/database-key';
import { openEitherWay } from '../../db/sqlite';
import { api, focused, newDataDir, startShell, SUPERVISOR } from './shell';

const SECRETS = ['Rahmat Hidayat', '6371011503900001', '81251234567'];

function dbFilesHolding(dataDir: string): string[] {
  const hits: string[] = [];
  for (const f of fs.readdirSync(dataDir)) {
    if (!f.startsWith('counter.sqlite')) continue;
    const bytes = fs.readFileSync(path.join(dataDir, f));
    for (const s of SECRETS) if (bytes.includes(Buffer.from(s))) hits.push(`${f}: ${s}`);
  }
  return hits;
}

/** Which secrets any row of any table of the decrypted database still holds. */
function rowsHolding(dataDir: string): string[] {
  const db = openEitherWay(path.join(dataDir, 'counter.sqlite'), existingFileDatabaseKey(dataDir), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").all() as { name: string }[]).map((t) => t.name);
    const hits = new Set<string>();
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).iterate()) {
        const text = Object.values(row as Record<string, unknown>)
          .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))
          .join('\u0000');
        for (const s of SECRETS) if (text.includes(s)) hits.add(`${t}: ${s}`);
      }
    }
    return [...hits].sort();
  } finally {
    db.close();
  }
}

test('a visitor asks for erasure: the head finds them, erases with a basis, the register shows it, the files hold nothing', async ({ page }) => {
  const dataDir = newDataDir('privacy');
  const shell = await startShell(dataDir);
  try {
    await page.goto(shell.url);
    await page.getByRole('heading', { name: 'Penyiapan awal' }).waitFor();
    // First setup, typed field by field: the officer is asked for here.
    await page.getByLabel('Nama lengkap').focus();
    await page.keyboard.type(SUPERVISOR.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(SUPERVISOR.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(SUPERVISOR.password);
    await page.keyboard.press('Tab');
    await page.keyboard.type(SUPERVISOR.password);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Pejabat Pelindungan Data Pribadi');
    await page.keyboard.type('Dra. Hj. Noor Aida, M.Si.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ppdp@banjarmasinkota.go.id');
    await page.keyboard.press('Enter');
    await page.getByTestId('guestbook-ready').waitFor();

    // Two visitors registered earlier (the guest book itself has its own journeys).
    const session = await api<{ token: string }>(shell, 'auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    const visit = (person: { name: string; nik: string; phone: string }, company: string, npwp: string) => ({
      person: { id: null, ...person, email: '' },
      // A proxy for a company (the company's own record is not the visitor's personal data: ADR 0019).
      company: { id: null, name: company, legalForm: 'CV', npwp, address: '', email: '', phone: '', leaderName: 'H. Abdul Karim' },
      visitorRole: 'proxy',
      serviceCode: 'perubahan_email',
      purposeNote: '',
      privacyNoticeShown: true,
    });
    const reg = await api<{ visit: { visit: { id: string }; privacyNoticeAt: number | null } }>(
      shell,
      'visits.register',
      visit({ name: 'Rahmat Hidayat', nik: '6371011503900001', phone: '0812 5123 4567' }, 'CV Sumber Rejeki Banua', '01.312.166.0-091.000'),
      session.token,
    );
    expect(reg.visit.privacyNoticeAt).not.toBeNull();
    await api(shell, 'visits.register', visit({ name: 'Siti Aminah', nik: '6371015505920002', phone: '0813 4888 1234' }, 'PT Barito Jaya', '02.111.222.3-091.000'), session.token);
    expect(dbFilesHolding(dataDir)).toEqual([]); // encrypted: no plaintext copy on disk
    expect(rowsHolding(dataDir).length).toBeGreaterThan(0);

    await page.locator('nav.sidebar').getByRole('button', { name: /^Data Pribadi/ }).click();
    await expect(page.getByRole('heading', { name: 'Data Pribadi', level: 1 })).toBeVisible();
    await expect(page.getByTestId('privacy-officer')).toContainText('Dra. Hj. Noor Aida, M.Si. — ppdp@banjarmasinkota.go.id');

    await page.getByLabel('NIK atau nama pemohon').focus();
    await page.keyboard.type('Rahmat');
    await page.keyboard.press('Enter');
    const rows = page.getByTestId('privacy-subjects').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('6371011503900001');
    // First the person's copy of their data, as a readable PDF beside the JSON (UU 27/2022 Pasal 7).
    await rows.getByRole('button', { name: 'Unduh salinan data (PDF)' }).focus();
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^data-pribadi-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfFile = path.join(os.tmpdir(), `e2e-${download.suggestedFilename()}`);
    await download.saveAs(pdfFile);
    const copy = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const want of ['SALINAN DATA PRIBADI', 'Rahmat Hidayat', '6371011503900001', 'Dicatat di buku tamu', 'Dra. Hj. Noor Aida, M.Si. (ppdp@banjarmasinkota.go.id)']) expect(copy).toContain(want);
    fs.rmSync(pdfFile);
    await rows.getByRole('button', { name: 'Hapus data pribadi…' }).focus();
    await page.keyboard.press('Enter');
    // The basis is asked for first; a submit without it changes nothing and says why.
    expect(await focused(page)).toContain('Dasar permintaan penghapusan');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('erase-form')).toContainText('Dasar permintaan penghapusan minimal 5 karakter.');
    await page.getByLabel('Dasar permintaan penghapusan').focus();
    await page.keyboard.type('Surat permohonan pemohon tanggal 1 Desember 2026');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Hapus data pribadi');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Data pribadi Rahmat Hidayat telah dihapus \(2 catatan\)/)).toBeVisible();
    const register = page.getByTestId('erasure-register').locator('tbody tr');
    await expect(register).toHaveCount(1);
    await expect(register).toContainText('Permintaan pemohon: Surat permohonan pemohon tanggal 1 Desember 2026');
    await expect(register).toContainText(SUPERVISOR.name);
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/privacy-erasure.png', fullPage: true });

    // The visit is still there and counted, without the name; the other visitor is untouched.
    const after = await api<{ visit: { visitorName: string } }>(shell, 'visits.get', { visitId: reg.visit.visit.id }, session.token);
    expect(after.visit.visitorName).toBe('(data dihapus)');
    await page.getByLabel('NIK atau nama pemohon').fill('');
    await page.getByLabel('NIK atau nama pemohon').focus();
    await page.keyboard.type('Siti');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('privacy-subjects').locator('tbody tr')).toContainText('Siti Aminah');
    await expect.poll(() => rowsHolding(dataDir)).toEqual([]);
    expect(dbFilesHolding(dataDir)).toEqual([]);

    // The breach register: an incident on this workstation, its 3 × 24-hour countdown and the visitors to tell.
    const status = await api<{ deviceId: string; now: number }>(shell, 'app.status', {});
    await api(shell, 'privacy.recordBreach', { discoveredAt: status.now - 2 * 3600_000, title: 'Komputer loket dicuri', description: '', deviceIds: [status.deviceId], exportIds: [] }, session.token);
    const breach = page.getByTestId('breach');
    await expect(breach).toContainText('Komputer loket dicuri');
    await expect(page.getByTestId('breach-countdown')).toHaveText(/^sisa (69|70) jam \d+ menit$/);
    await expect(page.getByTestId('breach-affected')).toContainText('1 pemohon terdampak. Data mereka juga disimpan di: Komputer ini');
    await breach.getByRole('button', { name: 'Catat pemberitahuan ke pemohon' }).focus();
    await page.keyboard.press('Enter');
    await expect(breach).toContainText(/Pemberitahuan kepada pemohon: \w+, \d+ \w+ \d{4}/);
    await page.getByTestId('breach-register').screenshot({ path: 'test-results/privacy-breach.png' });
  } finally {
    await shell.stop();
  }
});
