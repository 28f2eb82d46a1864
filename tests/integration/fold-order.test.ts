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
import { stampEvents } from '../../db/event-store';
import { HybridLogicalClock } from '../../domain/events/hlc';
import { uuidv7 } from '../../domain/events/uuidv7';
import { scenario, SCENARIO_HELPDESK, SCENARIO_SUPERVISOR } from './scenario';

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
    users: q('SELECT id, username, roles, active FROM users ORDER BY id'),
    denials: q('SELECT id, type, device_id, actor_id, reason FROM event_denials ORDER BY id'),
    authority: q('SELECT * FROM authority ORDER BY user_id, from_key'),
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

  it('judges permissions from the log identically in every arrival order (property)', async () => {
    const base = scenario(2);
    const visitId = base.find((e) => e.type === 'visit.registered')!.aggregateId;
    let t = Date.UTC(2026, 10, 26, 3, 0, 0);
    const now = () => (t += 30_000);
    // A third PC, used by the helpdesk officer (or by someone holding that PC's credential).
    const c = { deviceId: uuidv7(3), actorId: SCENARIO_HELPDESK, hlc: new HybridLogicalClock(now), now };
    for (const e of base) c.hlc.observe(e.hlc);
    const rogue = uuidv7(t);
    // The helpdesk officer creates a supervisor + system admin account: not theirs to do.
    const grab = stampEvents(
      [{ type: 'user.created', aggregateId: rogue, payload: { username: 'penyusup', displayName: 'Penyusup', roles: ['supervisor', 'sysadmin'], passwordHash: 'x' } }],
      c,
    );
    // The "new supervisor" then changes a setting and completes the file: unknown actor, as the account never existed.
    const asRogue = stampEvents(
      [
        { type: 'settings.changed', aggregateId: 'settings', payload: { key: 'screen_lock_minutes', value: 240 } },
        { type: 'visit.completed', aggregateId: visitId, payload: { at: t, note: null } },
      ],
      { ...c, actorId: rogue },
    );
    // The helpdesk officer tries the desk too, then the supervisor promotes them to verifier; after that
    // their claim is allowed. Delivered in any order, the verdicts follow the fold order.
    const early = stampEvents([{ type: 'visit.claimed', aggregateId: visitId, payload: { at: t } }], c);
    const d = { deviceId: uuidv7(2), actorId: SCENARIO_SUPERVISOR, hlc: new HybridLogicalClock(now), now };
    for (const e of [...grab, ...asRogue, ...early]) d.hlc.observe(e.hlc);
    const promote = stampEvents([{ type: 'user.roles_changed', aggregateId: SCENARIO_HELPDESK, payload: { roles: ['helpdesk', 'verifier'] } }], d);
    for (const e of promote) c.hlc.observe(e.hlc);
    const late = stampEvents([{ type: 'visit.claimed', aggregateId: visitId, payload: { at: t } }], c);
    const events = [...base, ...grab, ...asRogue, ...early, ...promote, ...late];

    const reference = await deliver(events, [events.length]);
    expect(reference.users.map((u) => (u as { username: string }).username).sort()).toEqual(['helpdesk1', 'kasubbag']);
    const reasons = Object.fromEntries((reference.denials as { id: string; reason: string }[]).map((r) => [r.id, r.reason]));
    expect(reasons).toEqual({
      [grab[0]!.id]: 'role_missing',
      [asRogue[0]!.id]: 'unknown_actor',
      [asRogue[1]!.id]: 'unknown_actor',
      [early[0]!.id]: 'role_missing',
    });
    const visit = (reference.visits as { id: string; status: string; claimed_by: string | null }[]).find((v) => v.id === visitId)!;
    expect(visit).toMatchObject({ status: 'in_process', claimed_by: SCENARIO_HELPDESK });

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 8 }),
        async (order, batches) => {
          expect(await deliver(order, batches)).toEqual(reference);
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
