/**
 * The permissions of the fold, kept in the database (ADR 0011, domain/permissions.ts for the rules):
 * `authority` holds every account's roles from the fold position of each account event that changed them,
 * `event_denials` the events kept but not applied. Both are functions of the events alone, brought up to
 * date in the transaction that appends events, so every PC holding the same events holds the same rows.
 */
import { sql, type Transaction } from 'kysely';
import {
  authorityChanges,
  computeAuthority,
  isAccountEvent,
  judgeEvent,
  type Authority,
  type AuthorityEntry,
  type DenialReason,
} from '../domain/permissions';
import { eventSortKey, isKnownEventType, type Role, type StoredEvent } from '../domain/events/schema';
import { fromEnvelopeRow } from '../domain/events/codec';
import { prepared } from './prepared';
import type { DB } from './schema';

type Tx = Transaction<DB>;

const authorityOf = prepared((db, p: { userId: string }) =>
  db.selectFrom('authority').select(['from_key', 'roles', 'active']).where('user_id', '=', p.userId).orderBy('from_key'),
);

/** The authority entries of some accounts (the actors of the events being judged). */
export async function loadAuthority(tx: Tx, userIds: Iterable<string>): Promise<Authority> {
  const out = new Map<string, AuthorityEntry[]>();
  for (const userId of new Set(userIds)) {
    const rows = await authorityOf.all(tx, { userId });
    if (rows.length) out.set(userId, rows.map((r) => ({ fromKey: r.from_key, roles: JSON.parse(r.roles) as Role[], active: r.active === 1 })));
  }
  return out;
}

async function loadAllAuthority(tx: Tx): Promise<Authority> {
  const rows = await tx.selectFrom('authority').select(['user_id', 'from_key', 'roles', 'active']).orderBy('user_id').orderBy('from_key').execute();
  const out = new Map<string, AuthorityEntry[]>();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ fromKey: r.from_key, roles: JSON.parse(r.roles) as Role[], active: r.active === 1 });
    out.set(r.user_id, list);
  }
  return out;
}

export interface Denial {
  event: StoredEvent;
  reason: DenialReason;
}

async function insertDenials(tx: Tx, denials: readonly Denial[]): Promise<void> {
  for (let i = 0; i < denials.length; i += 500) {
    await tx
      .insertInto('event_denials')
      .values(
        denials.slice(i, i + 500).map(({ event: e, reason }) => ({
          id: e.id,
          aggregate_id: e.aggregateId,
          type: e.type,
          device_id: e.deviceId,
          actor_id: e.actorId,
          hlc: e.hlc,
          recorded_at: e.recordedAt,
          reason,
        })),
      )
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason') })))
      .execute();
  }
}

async function deleteDenials(tx: Tx, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await tx.deleteFrom('event_denials').where('id', 'in', ids.slice(i, i + 500)).execute();
}

/**
 * Judges newly inserted events (known types) and records the denied ones. When account events are among
 * them, the whole authority is folded again and every earlier verdict it governs is judged again: the
 * returned `refold` names aggregates whose already-folded events changed verdict (they are folded again
 * from all their events). `denied` holds the ids of new events that must not be folded.
 */
export async function judgeAppended(tx: Tx, inserted: readonly StoredEvent[]): Promise<{ denied: Set<string>; refold: Set<string> }> {
  const denied = new Set<string>();
  const refold = new Set<string>();
  const fresh = new Set(inserted.map((e) => e.id));
  const accountEvents = inserted.filter(isAccountEvent);
  if (accountEvents.length > 0) await refreshAuthority(tx, fresh, denied, refold);

  const others = inserted.filter((e) => !isAccountEvent(e) && isKnownEventType(e.type));
  if (others.length === 0) return { denied, refold };
  const actors = others.map((e) => e.actorId).filter((a): a is string => a !== null);
  const authority = await loadAuthority(tx, actors);
  const denials: Denial[] = [];
  for (const e of others) {
    const reason = judgeEvent(e, authority);
    if (reason) {
      denials.push({ event: e, reason });
      denied.add(e.id);
    }
  }
  if (denials.length) await insertDenials(tx, denials);
  return { denied, refold };
}

/**
 * Folds the account events again into `authority`, records the new verdicts on account events, and judges
 * again the stored events of every account whose authority changed from the position it changed. Events in
 * `fresh` (being appended now) are left to the caller, apart from account events, whose verdicts land in
 * `denied`.
 */
async function refreshAuthority(tx: Tx, fresh: ReadonlySet<string>, denied: Set<string>, refold: Set<string>): Promise<void> {
  const rows = await tx.selectFrom('events').selectAll().where('aggregate_type', '=', 'user').orderBy('hlc').orderBy('device_id').orderBy('id').execute();
  const accountEvents = rows.map(fromEnvelopeRow).filter((e) => isKnownEventType(e.type));
  const before = await loadAllAuthority(tx);
  const { authority, denied: accountDenied } = computeAuthority(accountEvents);

  await tx.deleteFrom('authority').execute();
  const authorityRows = [...authority].flatMap(([userId, list]) =>
    list.map((en) => ({ user_id: userId, from_key: en.fromKey, roles: JSON.stringify(en.roles), active: en.active ? 1 : 0 })),
  );
  for (let i = 0; i < authorityRows.length; i += 500) await tx.insertInto('authority').values(authorityRows.slice(i, i + 500)).execute();

  // Verdicts on account events: compared with the stored ones, so a flip re-folds that account.
  const storedAccountDenials = new Map(
    (await tx.selectFrom('event_denials').select(['id', 'reason']).where('type', 'like', 'user.%').execute()).map((r) => [r.id, r.reason]),
  );
  const toDeny: Denial[] = [];
  const toAllow: string[] = [];
  for (const e of accountEvents) {
    const reason = accountDenied.get(e.id);
    if (reason) {
      if (fresh.has(e.id)) denied.add(e.id);
      const was = storedAccountDenials.get(e.id);
      if (was !== reason) toDeny.push({ event: e, reason });
      if (was === undefined && !fresh.has(e.id)) refold.add(e.aggregateId);
    } else if (storedAccountDenials.has(e.id)) {
      toAllow.push(e.id);
      refold.add(e.aggregateId);
    }
  }
  if (toDeny.length) await insertDenials(tx, toDeny);
  if (toAllow.length) await deleteDenials(tx, toAllow);

  // Every other stored event of an account whose authority changed, from where it changed.
  const changes = authorityChanges(before, authority);
  for (const [userId, fromKey] of changes) {
    const fromHlc = fromKey.slice(0, fromKey.indexOf('|'));
    const governed = await governedEvents(tx, userId, fromHlc, fresh);
    const deny: Denial[] = [];
    const allow: string[] = [];
    for (const r of governed) {
      const e = fromEnvelopeRow(r);
      if (!isKnownEventType(e.type) || eventSortKey(e) < fromKey) continue;
      const reason = judgeEvent(e, authority);
      if (reason && r.denial === null) {
        deny.push({ event: e, reason });
        refold.add(e.aggregateId);
      } else if (!reason && r.denial !== null) {
        allow.push(e.id);
        refold.add(e.aggregateId);
      } else if (reason && r.denial !== reason) {
        deny.push({ event: e, reason }); // still denied, for another reason now
      }
    }
    if (deny.length) await insertDenials(tx, deny);
    if (allow.length) await deleteDenials(tx, allow);
  }
}

/** The stored events an account recorded from `fromHlc` on (account events aside), with their verdicts; `fresh` ones left out. */
async function governedEvents(tx: Tx, userId: string, fromHlc: string, fresh: ReadonlySet<string>) {
  const query = tx
    .selectFrom('events')
    .leftJoin('event_denials', 'event_denials.id', 'events.id')
    .selectAll('events')
    .select('event_denials.reason as denial')
    .where('events.actor_id', '=', userId)
    .where('events.hlc', '>=', fromHlc)
    .where('events.aggregate_type', '!=', 'user');
  if (fresh.size === 0) return query.execute();
  // Ids first: on a joining PC the account's events are mostly the page being appended (`fresh`, judged by
  // the caller), and reading their whole rows only to skip them cost more than the judging (issue 17).
  const ids = (await query.clearSelect().select('events.id').execute()).map((r) => r.id).filter((id) => !fresh.has(id));
  const rows: Awaited<ReturnType<typeof query.execute>> = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await query.where('events.id', 'in', ids.slice(i, i + 500)).execute()));
  // In the order the whole query gives them (the order their aggregates are re-folded in).
  const position = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/**
 * Judges the whole log again (after an upgrade that brought or changed the rules, or replayed parked
 * events): returns the aggregates whose verdicts changed, to be folded again.
 */
export async function judgeWholeLog(tx: Tx): Promise<Set<string>> {
  const refold = new Set<string>();
  const denied = new Set<string>();
  await refreshAuthority(tx, new Set(), denied, refold);
  const authority = await loadAllAuthority(tx);
  const stored = new Map((await tx.selectFrom('event_denials').select(['id', 'reason']).where('type', 'not like', 'user.%').execute()).map((r) => [r.id, r.reason]));
  const deny: Denial[] = [];
  const allow: string[] = [];
  let after = 0;
  for (;;) {
    const rows = await tx.selectFrom('events').selectAll().where('seq', '>', after).where('aggregate_type', '!=', 'user').orderBy('seq').limit(5000).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.seq;
    for (const r of rows) {
      const e = fromEnvelopeRow(r);
      if (!isKnownEventType(e.type)) continue;
      const reason = judgeEvent(e, authority);
      const was = stored.get(e.id);
      if (reason && was !== reason) {
        deny.push({ event: e, reason });
        if (was === undefined) refold.add(e.aggregateId);
      } else if (!reason && was !== undefined) {
        allow.push(e.id);
        refold.add(e.aggregateId);
      }
    }
  }
  if (deny.length) await insertDenials(tx, deny);
  if (allow.length) await deleteDenials(tx, allow);
  void sql;
  return refold;
}
