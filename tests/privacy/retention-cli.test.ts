/**
 * Retention and the `privacy` CLI verb (issue 15 item 6, ADR 0019): the period set by a head of the unit,
 * visitors falling due only after it, a copy of one visitor's records, erasure of everyone due as one
 * audited erasure each, the monthly report's counts unchanged, and the contract's refusals in Indonesian.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { ERASED_NAME } from '../../domain/privacy/erasure';
import { PROXY_VISIT, signInAsSupervisor, startTestApp, tempDir, THU_0900_WITA, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

const DAY = 24 * 3600_000;

async function cli(args: string[], now: number, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => now });
  return { code, stdout, stderr };
}

describe('retention and the privacy CLI', () => {
  it('sets the period, lists who is due, exports one visitor, erases everyone due; counts unchanged', async () => {
    const dataDir = tempDir('lpse-privacy-cli-');
    app = await startTestApp({ dataDir });
    await signInAsSupervisor(app);
    const old = await app.ok('visits.register', PROXY_VISIT);
    app.clock.ms = THU_0900_WITA + 200 * DAY; // a later visitor, well inside any period
    await signInAsSupervisor(app);
    const recent = await app.ok('visits.register', {
      ...PROXY_VISIT,
      person: { id: null, name: 'Siti Aminah', nik: '6371015505920002', phone: '0813 4888 1234', email: '' },
      company: { ...PROXY_VISIT.company!, id: old.visit.vendor!.id },
    });
    const before = await app.ok('report.monthly', { month: '2026-11' });
    // Bad input changes nothing and says why.
    const bad = await app.call('privacy.setRetention', { months: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(JSON.stringify(bad.error.issues)).toContain('Masa retensi minimal 1 bulan.');
    const noPeriod = await app.call('privacy.eraseExpired', { confirm: true });
    expect(noPeriod.ok).toBe(false);
    if (!noPeriod.ok) expect(noPeriod.error.message).toContain('Masa retensi data pengunjung belum ditetapkan');
    await app.backend.close();
    app = null;

    const now = THU_0900_WITA + 250 * DAY;
    const env = { LPSE_PASSWORD: 'rahasia-123' };
    const noAs = await cli(['privacy', 'retention', '--months', '6', '--data-dir', dataDir], now);
    expect(noAs.code).toBe(2);
    expect(noAs.stderr).toContain('Opsi --as wajib diisi');
    expect((await cli(['privacy', 'retention', '--months', '6', '--as', 'kasubbag', '--data-dir', dataDir], now, env)).code).toBe(0);

    const due = await cli(['privacy', 'due', '--json', '--data-dir', dataDir], now);
    expect(due.code).toBe(0);
    const dueJson = JSON.parse(due.stdout) as { months: number; total: number; subjects: { personId: string; name: string }[] };
    expect(dueJson.months).toBe(6);
    expect(dueJson.subjects.map((s) => s.personId)).toEqual([old.visit.person.id]);

    const out = path.join(dataDir, 'salinan.json');
    expect((await cli(['privacy', 'export', '--person', old.visit.person.id, '--out', out, '--data-dir', dataDir], now)).code).toBe(0);
    const copy = JSON.parse(fs.readFileSync(out, 'utf8')) as { orang: { nik: string }; kunjungan: unknown[]; riwayat: { type: string }[] };
    expect(copy.orang.nik).toBe('6371011503900001');
    expect(copy.kunjungan).toHaveLength(1);
    expect(copy.riwayat.map((e) => e.type)).toContain('visit.registered');

    const erased = await cli(['privacy', 'erase-expired', '--as', 'kasubbag', '--json', '--data-dir', dataDir], now, env);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ months: 6, erased: 1, redacted: 2 });
    expect(JSON.parse((await cli(['privacy', 'due', '--json', '--data-dir', dataDir], now)).stdout)).toMatchObject({ total: 0 });

    app = await startTestApp({ dataDir });
    app.clock.ms = now;
    await signInAsSupervisor(app);
    expect((await app.ok('visits.get', { visitId: old.visit.visit.id })).visit.visitorName).toBe(ERASED_NAME);
    expect((await app.ok('visits.get', { visitId: recent.visit.visit.id })).visit.visitorName).toBe('Siti Aminah');
    const { generatedAt: _a, ...b } = before;
    const { generatedAt: _b, ...after } = await app.ok('report.monthly', { month: '2026-11' });
    expect(after).toEqual(b);
    const overview = await app.ok('privacy.overview', {});
    expect(overview.erasures).toMatchObject([{ subjectId: old.visit.person.id, reason: 'retention', retentionMonths: 6, actorName: 'Kepala Sub Bagian', visitCount: 1 }]);
    // An erased visitor cannot be erased twice, and is no longer found.
    const again = await app.call('privacy.erase', { personId: old.visit.person.id, note: 'Permintaan ulang' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('Data pribadi pengunjung ini sudah dihapus.');
    expect((await app.ok('privacy.findSubjects', { query: '6371011503' })).subjects).toEqual([]);
  });
});
