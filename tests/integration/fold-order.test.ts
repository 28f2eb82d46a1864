/**
 * Property: state is a deterministic fold. The same events, delivered to a database in any arrival order and
 * in any batching, give identical projection rows.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { appendEvents, stampEvents, type NewEvent } from '../../db/event-store';
import { HybridLogicalClock } from '../../domain/events/hlc';
import type { StoredEvent } from '../../domain/events/schema';
import { uuidv7 } from '../../domain/events/uuidv7';
import { tempDir } from '../helpers';

const opened: OpenedDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

/** Events of a realistic visit recorded on two workstations (helpdesk PC and supervisor PC). */
function scenario(seed: number): StoredEvent[] {
  let t = Date.UTC(2026, 10, 26, 1, 0, 0) + seed * 1000;
  const now = () => (t += 20_000);
  const a = { deviceId: uuidv7(1), actorId: 'actor-a', hlc: new HybridLogicalClock(now), now };
  const b = { deviceId: uuidv7(2), actorId: 'actor-b', hlc: new HybridLogicalClock(now), now };
  const vendorId = uuidv7(t + 1);
  const personId = uuidv7(t + 2);
  const visitId = uuidv7(t + 3);
  const mark = (itemCode: string, ok: boolean): NewEvent => ({
    type: 'visit.item_marked',
    aggregateId: visitId,
    payload: { itemCode, originalSeen: ok, copyReceived: ok, validUntil: ok ? '2030-01-01' : null, meteraiOk: ok, notBrought: !ok, note: null, at: t },
  });
  const first = stampEvents(
    [
      { type: 'vendor.registered', aggregateId: vendorId, payload: { name: 'PT Kayu Ulin Sejahtera', legalForm: 'PT', npwp: '021832415000000', address: null, email: null, phone: null, leaderName: null } },
      { type: 'person.registered', aggregateId: personId, payload: { name: 'Siti Aminah', nik: '6371015507850002', phone: null, email: null, vendorId } },
      {
        type: 'visit.registered',
        aggregateId: visitId,
        payload: { arrivedAt: t, personId, vendorId, visitorRole: 'proxy', serviceCode: 'perubahan_email', purposeNote: null, catalogueVersion: 1, visitorName: 'Siti Aminah', companyName: 'PT Kayu Ulin Sejahtera' },
      },
      mark('surat_permohonan', true),
      mark('surat_kuasa', false),
      { type: 'visit.returned', aggregateId: visitId, payload: { at: t, missing: [{ itemCode: 'surat_kuasa', label: 'Surat Kuasa', reason: 'not_brought' }], note: null } },
    ],
    a,
  );
  // Workstation B saw A's events (sync) before acting: its clock observes them.
  for (const e of first) b.hlc.observe(e.hlc);
  const second = stampEvents(
    [
      { type: 'visit.resumed', aggregateId: visitId, payload: { at: t } },
      mark('surat_kuasa', true),
      { type: 'vendor.updated', aggregateId: vendorId, payload: { name: 'PT Kayu Ulin Sejahtera Abadi' } },
      { type: 'visit.handed_over', aggregateId: visitId, payload: { at: t, to: 'verifier', receiptNo: 'TT-20261126-ABCDEF-001', discretionItems: [] } },
    ],
    b,
  );
  // Meanwhile, offline, A also renamed the vendor: the later HLC wins in every order.
  const concurrent = stampEvents([{ type: 'vendor.updated', aggregateId: vendorId, payload: { address: 'Jl. Lambung Mangkurat No. 3' } }], a);
  return [...first, ...second, ...concurrent];
}

async function projectionSnapshot(o: OpenedDatabase) {
  const q = (sql: string) => o.sqlite.prepare(sql).all();
  return {
    visits: q('SELECT * FROM visits ORDER BY id'),
    items: q('SELECT * FROM visit_items ORDER BY visit_id, item_code'),
    returns: q('SELECT * FROM visit_returns ORDER BY visit_id, return_no, item_code'),
    vendors: q('SELECT id, name, name_norm, legal_form, npwp, address, updated_at FROM vendors ORDER BY id'),
    fts: q("SELECT rowid FROM vendors_fts WHERE vendors_fts MATCH '\"abadi\"'"),
    persons: q('SELECT * FROM persons ORDER BY id'),
    aggregates: q("SELECT id, last_key, state, event_count FROM aggregates WHERE id != 'catalogue' ORDER BY id"),
  };
}

async function deliver(events: StoredEvent[], batches: number[]): Promise<Awaited<ReturnType<typeof projectionSnapshot>>> {
  const o = await openDatabase(tempDir('lpse-fold-'));
  opened.push(o);
  let i = 0;
  for (const size of [...batches, events.length]) {
    const batch = events.slice(i, i + size);
    i += size;
    if (batch.length) await o.db.transaction().execute((tx) => appendEvents(tx, batch, false, 0));
    if (i >= events.length) break;
  }
  // A duplicate delivery of everything changes nothing.
  await o.db.transaction().execute((tx) => appendEvents(tx, events, false, 0));
  return projectionSnapshot(o);
}

describe('fold is independent of arrival order', () => {
  it('gives identical projections for every permutation and batching (property)', async () => {
    const events = scenario(1);
    const reference = await deliver(events, [events.length]);
    expect(reference.visits).toHaveLength(1);
    expect(reference.visits[0]).toMatchObject({ status: 'handed_over', returned_count: 1 });
    expect(reference.vendors[0]).toMatchObject({ name: 'PT Kayu Ulin Sejahtera Abadi', address: 'Jl. Lambung Mangkurat No. 3' });
    expect(reference.fts).toHaveLength(1);

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 6 }),
        async (order, batches) => {
          const snap = await deliver(order, batches);
          expect(snap).toEqual(reference);
        },
      ),
      { numRuns: 40, seed: 20261126 },
    );
  });
});
