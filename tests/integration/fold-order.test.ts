/**
 * Property: state is a deterministic fold. The same events, delivered to a database in any arrival order and
 * in any batching, give identical projection rows.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { appendEvents } from '../../db/event-store';
import type { StoredEvent } from '../../domain/events/schema';
import { tempDir } from '../helpers';
import { scenario } from './scenario';

const opened: OpenedDatabase[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

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
