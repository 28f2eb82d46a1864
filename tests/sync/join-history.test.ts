/**
 * Joining an office with history (issue 17): a new PC receives the office's log page by page, each page its
 * own transaction; the top bar says how far it has come ("Mengunduh riwayat kantor: X dari Y catatan", id-ID),
 * and the guest book registers a new visitor before the history has finished arriving.
 */
import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../contract/api';
import { PROXY_VISIT } from '../helpers';
import { historyProgress } from '../../backend/sync/messages';
import { HttpTransport } from '../../backend/sync/transport';
import { enroll, SERVER_KINDS, setUpSupervisor, signIn, startPc, TestSyncServer, syncBed } from './harness';
import { expectConverged } from './converge';

/** A visitor of their own company (NIK and NPWP are unique per person and company). */
function visitor(i: number, name: string): InputOf<'visits.register'> {
  return {
    ...PROXY_VISIT,
    person: { ...PROXY_VISIT.person, name, nik: `63710115039${String(10000 + i).slice(-5)}` },
    company: { ...PROXY_VISIT.company!, name: `CV Usaha Banua ${i}`, npwp: `01.312.166.${i % 10}-09${Math.floor(i / 10) % 10}.000` },
  };
}

const bed = syncBed();

describe('history progress text', () => {
  it('formats the counts the Indonesian way', () => {
    expect(historyProgress(420_000, 1_000_000)).toBe('Mengunduh riwayat kantor: 420.000 dari 1.000.000 catatan');
    expect(historyProgress(1_200, 1_000)).toBe('Mengunduh riwayat kantor: 1.000 dari 1.000 catatan');
  });
});

describe.each(SERVER_KINDS)('joining an office with history (%s server)', (kind) => {
  it('shows the history arriving page by page and registers a new visitor before it has all arrived', async () => {
    const server = (bed.server = await TestSyncServer.start(kind));
    const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
    const a = await startPc('A');
    bed.pcs.push(a);
    await setUpSupervisor(a);
    for (let i = 0; i < 6; i++) await a.ok('visits.register', visitor(i + 1, `Pengunjung ${i + 1}`));
    await enroll(a, server.url, code);
    expect((await a.sync()).state).toBe('online');

    // B pulls in small pages (a long history in miniature). Its third page waits until the helpdesk has
    // registered a visitor at B: the guest book must work while the history is still arriving.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let pulls = 0;
    class GatedTransport extends HttpTransport {
      override async pull(...args: Parameters<HttpTransport['pull']>) {
        if (++pulls === 3) await gate;
        return super.pull(...args);
      }
    }
    const b = await startPc('B', { pullLimit: 5, transport: new GatedTransport({ timeoutMs: 10_000 }) });
    bed.pcs.push(b);
    await enroll(b, server.url, await server.newCode(officeId));
    const seen: { received: number; total: number; text: string }[] = [];
    let registered: Promise<unknown> | null = null;
    let eventsAtRegistration = 0;
    let registeredAt = 0;
    let syncDoneAt = 0;
    let order = 0;
    const off = b.backend.ctx.changes.subscribe(() => {
      void b.engine.status().then((s) => {
        if (s.history && s.historyText) seen.push({ ...s.history, text: s.historyText });
      });
      // The accounts are among the first events: once they are here, the helpdesk works at B meanwhile.
      if (!registered && (b.backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM users WHERE username = 'kasubbag'").get() as { n: number }).n > 0) {
        registered = (async () => {
          await signIn(b);
          const r = await b.ok('visits.register', visitor(50, 'Tamu Baru'));
          registeredAt = ++order;
          eventsAtRegistration = (b.backend.ctx.sqlite.prepare("SELECT count(*) AS n FROM events WHERE is_local = 0 AND device_id <> 'seed'").get() as { n: number }).n;
          release();
          return r;
        })();
      }
    });
    const status = await b.sync();
    syncDoneAt = ++order;
    off();
    expect(status.state).toBe('online');
    expect(status.history).toBeNull();
    expect(registered).not.toBeNull();
    await (registered as Promise<unknown> | null);
    // The new visitor was registered while the history was still arriving.
    expect(registeredAt).toBeGreaterThan(0);
    expect(registeredAt).toBeLessThan(syncDoneAt);
    expect(seen.length).toBeGreaterThan(1);
    const total = seen[0]!.total;
    expect(eventsAtRegistration).toBeLessThan(total);
    expect(total).toBeGreaterThan(20);
    for (const p of seen) {
      expect(p.total).toBe(total);
      expect(p.text).toBe(historyProgress(p.received, p.total));
    }
    expect(seen.map((p) => p.received)).toEqual([...seen.map((p) => p.received)].sort((x, y) => x - y));
    // Everything arrived and converged, the new visit included once B sends it.
    await b.sync();
    await a.sync();
    await expectConverged(server, officeId, [a, b]);
    expect((b.backend.ctx.sqlite.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(7);
  });
});
