/**
 * Integrity of the workstation database (issue 15, docs/adr/0016-data-safety.md).
 *
 * The events are the record; every other table is either local state that no event carries (the ledger
 * tables below) or a projection: a function of the events alone. `projectionTables` enumerates the
 * projections from the schema itself (sqlite_master), so a table added by a later migration is a
 * projection — and is compared by `db verify` — unless it is named here as ledger state. Forgetting to
 * name a new local-state table makes `verifyDatabase` report it (tests/data-safety catch that), never
 * silently skip it.
 *
 * `rebuildProjections` empties every projection and folds every aggregate again from its events, exactly
 * as the append path would (permissions judged over the whole log first, numbers from the log).
 * `verifyDatabase` does that in a scratch copy (SQLite's online backup) and compares every projection
 * table with the original, row for row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { foldAggregate, isKnownAggregate, type AggregateStates, type KnownAggregate } from '../domain/aggregates';
import { eventSortKey, toDomainEvent, type StoredEvent } from '../domain/events/schema';
import { fromEnvelopeRow } from '../domain/events/codec';
import { NUMBERING_EVENT_TYPES, numbersIn } from '../domain/numbering';
import { judgeWholeLog } from './permissions';
import { finishStartupSteps, loadAggregateEvents, startupStepsPending } from './event-store';
import { project, visitRow } from './projections';
import { copyDatabase, openCopyOf } from './sqlite';
import type { DB } from './schema';

/**
 * Tables that hold what no event carries: the log itself, this PC's settings and sync cursors, events held
 * or set aside by sync, kiosk responses not yet released, survey codes kept on the issuing PC, and parked
 * events (stamped with the time they were parked). Everything else is a projection.
 */
export const LEDGER_TABLES: ReadonlySet<string> = new Set([
  'events',
  'meta',
  'sync_state',
  'sync_held_events',
  'sync_quarantine',
  'survey_outbox',
  'survey_token_secrets',
  'parked_events',
  // Issue 15: numbers a restore must not issue again (migration 012-data-safety).
  'number_floors',
  // Issue 15 item 6: what this PC redacted for each erasure (migration 013-personal-data, ADR 0019).
  'erasure_applied',
]);

/**
 * Full-text indexes and the table they index (rowid = the indexed table's rowid). Their shadow tables
 * (`<name>_data`, `_idx`, `_docsize`, `_config`, `_content`) are SQLite's own and never compared directly.
 */
export const TEXT_INDEXES: Readonly<Record<string, { table: string; key: string }>> = {
  vendors_fts: { table: 'vendors', key: 'id' },
};

const FTS_SHADOW = /_(data|idx|docsize|config|content)$/;

export interface SchemaTable {
  name: string;
  kind: 'projection' | 'ledger' | 'text_index';
  columns: string[];
}

/** Every table of the database, classified. Unknown virtual tables are reported by `verifyDatabase`. */
export function schemaTables(sqlite: Database.Database, schema = 'main'): SchemaTable[] {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; sql: string | null }[];
  const virtual = new Set(rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name));
  const out: SchemaTable[] = [];
  for (const r of rows) {
    const base = r.name.replace(FTS_SHADOW, '');
    if (base !== r.name && virtual.has(base)) continue; // an FTS shadow table
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(r.name, schema) as { name: string }[]).map((c) => c.name);
    const kind = virtual.has(r.name) ? 'text_index' : LEDGER_TABLES.has(r.name) ? 'ledger' : 'projection';
    out.push({ name: r.name, kind, columns });
  }
  return out;
}

/** The projection tables: every table that is neither ledger state nor a full-text index. */
export function projectionTables(sqlite: Database.Database): string[] {
  return schemaTables(sqlite)
    .filter((t) => t.kind === 'projection')
    .map((t) => t.name);
}

/** Events this build folds; the others stay parked until an upgrade (db/event-store.ts, replayParked). */
const understood = (e: StoredEvent) => isKnownAggregate(e.aggregateType) && toDomainEvent(e) !== null;

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Empties every projection and folds every aggregate again from the log. Runs in the caller's transaction
 * (all or nothing). Returns how many aggregates were folded.
 */
export async function rebuildProjections(tx: Transaction<DB>, sqlite: Database.Database): Promise<{ aggregates: number; events: number }> {
  const tables = schemaTables(sqlite);
  // Children first is not needed: foreign keys cascade, and every table is emptied anyway.
  for (const t of tables) {
    if (t.kind === 'projection') sqlite.prepare(`DELETE FROM ${quote(t.name)}`).run();
    // A contentless FTS5 table is emptied with its 'delete-all' command.
    if (t.kind === 'text_index') sqlite.prepare(`INSERT INTO ${quote(t.name)} (${quote(t.name)}) VALUES ('delete-all')`).run();
  }
  // Permissions first: which events count is part of the fold (docs/adr/0011).
  await judgeWholeLog(tx);
  // Numbers handed to people come from the log, never from a counter (db/numbering.ts).
  let events = 0;
  let after = 0;
  const insertNumber = sqlite.prepare(
    'INSERT INTO issued_numbers (series, scope, number, label, aggregate_id, event_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (;;) {
    const rows = await tx.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.seq;
    events += rows.length;
    for (const r of rows) {
      if (!NUMBERING_EVENT_TYPES.has(r.type)) continue;
      const e = fromEnvelopeRow(r);
      if (!isKnownAggregate(e.aggregateType) || toDomainEvent(e) === null) continue; // parked: not inserted by the append path either
      for (const n of numbersIn(e)) insertNumber.run(n.series, n.scope, n.number, n.label, e.aggregateId, e.id);
    }
  }
  const ids = await tx.selectFrom('events').select(['aggregate_id', 'aggregate_type']).distinct().orderBy('aggregate_id').execute();
  let aggregates = 0;
  for (const { aggregate_id: id, aggregate_type: type } of ids) {
    if (!isKnownAggregate(type)) continue;
    const all = (await loadAggregateEvents(tx, id)).filter(understood);
    if (all.length === 0) continue;
    const next = foldAggregate(type, all);
    await project(tx, type, id, null, next as never);
    const lastKey = eventSortKey(all.reduce((a, b) => (eventSortKey(a) > eventSortKey(b) ? a : b)));
    await tx
      .insertInto('aggregates')
      .values({ id, type, last_key: lastKey, state: next === null ? null : JSON.stringify(next), event_count: all.length })
      .execute();
    aggregates++;
  }
  return { aggregates, events };
}

export interface TableDifference {
  table: string;
  /** Rows the events produce that the database lacks. */
  missing: number;
  /** Rows the database holds that the events do not produce (or hold otherwise). */
  extra: number;
  /** A few keys of differing rows (first column), for the report. */
  examples: string[];
}

export interface VerifyReport {
  ok: boolean;
  /** `PRAGMA integrity_check` result lines ("ok" when sound). */
  integrity: string[];
  events: number;
  aggregates: number;
  tables: { name: string; rows: number; ok: boolean }[];
  differences: TableDifference[];
  /** Tables of a kind this build cannot compare (a new virtual table): named so nobody forgets them. */
  unknown: string[];
  /**
   * Steps the app's next start will take on this file and has not yet (db/event-store.ts,
   * `finishStartupSteps`): parked events to fold (migration 006's calendar refold), permission rules to
   * apply. They are not damage: the projections are compared with what the file holds once those steps
   * have run (in a scratch copy). `null` when nothing is pending.
   */
  pending: { parkedEvents: number; rejudgedAggregates: number } | null;
  ms: number;
}

/**
 * Re-folds every aggregate into a scratch copy of the database and compares every projection table with
 * the original. Never writes to the original. `scratchDir` defaults to the OS temporary folder.
 */
export async function verifyDatabase(sqlite: Database.Database, opts: { scratchDir?: string; oneStep?: boolean } = {}): Promise<VerifyReport> {
  const started = performance.now();
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const dir = fs.mkdtempSync(path.join(opts.scratchDir ?? os.tmpdir(), 'lpse-verify-'));
  const scratchFile = path.join(dir, 'scratch.sqlite');
  try {
    // Copied (and, for an encrypted database, encrypted alike) through db/sqlite.ts. `oneStep` (the background
    // worker's own connection): the whole copy in one step, one read snapshot. In steps, a commit by another
    // connection between two steps restarts the copy, and a busy counter would restart it for ever (SQLite's
    // backup API); the worker's thread can afford the single long step.
    const copyOpts = opts.oneStep ? { pagesPerStep: 0x7fffffff } : {};
    await copyDatabase(sqlite, scratchFile, copyOpts);
    // A file no app has started since its last migration (demo data, an upgrade not yet started) still has
    // start-up steps to take. They run on a second copy, which is what the rebuilt projections are compared
    // with: what differs only until the next start is reported as pending, never as damage.
    let compareWith = sqlite.name;
    let pending: VerifyReport['pending'] = null;
    if (startupStepsPending(sqlite)) {
      compareWith = path.join(dir, 'started.sqlite');
      await copyDatabase(sqlite, compareWith, copyOpts);
      const startedCopy = openCopyOf(sqlite, compareWith);
      const sdb = new Kysely<DB>({ dialect: new SqliteDialect({ database: startedCopy }) });
      try {
        startedCopy.pragma('journal_mode = OFF');
        startedCopy.pragma('foreign_keys = ON');
        const r = await finishStartupSteps(sdb, Date.now());
        pending = { parkedEvents: r.replayed, rejudgedAggregates: r.rejudged };
      } finally {
        await sdb.destroy();
      }
    }
    const scratch = openCopyOf(sqlite, scratchFile);
    try {
      scratch.pragma('journal_mode = OFF'); // a throw-away copy: no journal needed
      scratch.pragma('foreign_keys = ON');
      const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: scratch }) });
      const { aggregates, events } = await db.transaction().execute((tx) => rebuildProjections(tx, scratch));
      scratch.prepare('ATTACH DATABASE ? AS orig').run(compareWith);
      const tables = schemaTables(scratch);
      const differences: TableDifference[] = [];
      const compared: VerifyReport['tables'] = [];
      const unknown: string[] = [];
      for (const t of tables) {
        if (t.kind === 'ledger') continue;
        let select: (schema: string) => string;
        if (t.kind === 'text_index') {
          const idx = TEXT_INDEXES[t.name];
          if (!idx) {
            unknown.push(t.name);
            continue;
          }
          // The index must hold exactly one document per indexed row, whatever the rowids became.
          select = (s) => `SELECT x.${quote(idx.key)}, d.sz FROM ${s}.${quote(idx.table)} x JOIN ${s}.${quote(`${t.name}_docsize`)} d ON d.id = x.rowid`;
          const orphans = scratch
            .prepare(`SELECT count(*) AS n FROM orig.${quote(`${t.name}_docsize`)} d WHERE NOT EXISTS (SELECT 1 FROM orig.${quote(idx.table)} x WHERE x.rowid = d.id)`)
            .get() as { n: number };
          if (orphans.n > 0) differences.push({ table: t.name, missing: 0, extra: orphans.n, examples: [] });
        } else {
          const cols = t.columns.map(quote).join(', ');
          select = (s) => `SELECT ${cols} FROM ${s}.${quote(t.name)}`;
        }
        const missingRows = scratch.prepare(`${select('main')} EXCEPT ${select('orig')}`).raw().all() as unknown[][];
        const extraRows = scratch.prepare(`${select('orig')} EXCEPT ${select('main')}`).raw().all() as unknown[][];
        const rows = (scratch.prepare(`SELECT count(*) AS n FROM orig.${quote(t.kind === 'text_index' ? `${t.name}_docsize` : t.name)}`).get() as { n: number }).n;
        const expected = (scratch.prepare(`SELECT count(*) AS n FROM main.${quote(t.kind === 'text_index' ? `${t.name}_docsize` : t.name)}`).get() as { n: number }).n;
        // EXCEPT compares sets: a doubled row shows only in the counts.
        const ok = missingRows.length === 0 && extraRows.length === 0 && rows === expected;
        compared.push({ name: t.name, rows, ok });
        if (!ok) {
          const examples = [...new Set([...missingRows, ...extraRows].map((r) => String(r[0])))].slice(0, 5);
          differences.push({ table: t.name, missing: missingRows.length + Math.max(0, expected - rows - missingRows.length), extra: extraRows.length + Math.max(0, rows - expected - extraRows.length), examples });
        }
      }
      scratch.prepare('DETACH DATABASE orig').run();
      await db.destroy();
      const ok = integrity.length === 1 && integrity[0] === 'ok' && differences.length === 0 && unknown.length === 0;
      return { ok, integrity, events, aggregates, tables: compared, differences, unknown, pending, ms: Math.round(performance.now() - started) };
    } finally {
      if (scratch.open) scratch.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface StartupCheck {
  ok: boolean;
  /** Indonesian, for the screen: what is wrong. Empty when ok. */
  problems: string[];
}

/**
 * The check at every start: SQLite's `quick_check` (pages and indexes, fast) and whether the newest events'
 * aggregates hold what their events fold to — `quick_check` cannot see projections that no longer match
 * their events. `recent` events are checked (the ones a crash or a damaged WAL would touch).
 */
export async function startupCheck(db: Kysely<DB>, sqlite: Database.Database, recent = 20): Promise<StartupCheck> {
  const quick = quickCheck(sqlite);
  if (!quick.ok) return quick;
  return recentProjectionsCheck(db, recent);
}

/** SQLite's `quick_check` (pages, records, index order; not index contents), as a start-up check. */
export function quickCheck(sqlite: Database.Database): StartupCheck {
  let quick: string[];
  try {
    quick = (sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    quick = [err instanceof Error ? err.message : String(err)];
  }
  if (quick.length === 1 && quick[0] === 'ok') return { ok: true, problems: [] };
  return { ok: false, problems: [`Pemeriksaan berkas basis data menemukan kerusakan (${quick.slice(0, 3).join('; ')}).`] };
}

/** Whether the aggregates of the newest `recent` events hold what those events fold to. */
export async function recentProjectionsCheck(db: Kysely<DB>, recent = 20): Promise<StartupCheck> {
  const problems: string[] = [];
  const last = await db.selectFrom('events').select(['aggregate_id', 'aggregate_type']).orderBy('seq', 'desc').limit(recent).execute();
  const ids = [...new Map(last.map((r) => [r.aggregate_id, r.aggregate_type])).entries()].filter(([, t]) => isKnownAggregate(t));
  for (const [id, type] of ids) {
    const all = (await loadAggregateEvents(db, id)).filter(understood);
    if (all.length === 0) continue;
    const expected = foldAggregate(type as KnownAggregate, all);
    const row = await db.selectFrom('aggregates').select(['state', 'event_count']).where('id', '=', id).executeTakeFirst();
    const stored = row?.state ?? null;
    if (!row || row.event_count !== all.length || stored !== (expected === null ? null : JSON.stringify(expected))) {
      problems.push(`Data turunan untuk ${type} ${id} tidak sesuai dengan catatan kejadiannya.`);
      continue;
    }
    // The row every screen reads: a visit's `visits` row must be what its state projects to.
    if (type === 'visit' && expected) {
      const want = visitRow(expected as AggregateStates['visit']);
      const have = await db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
      const wrong = !have || (Object.keys(want) as (keyof typeof want)[]).some((k) => have[k as keyof typeof have] !== want[k]);
      if (wrong) problems.push(`Data kunjungan ${id} tidak sesuai dengan catatan kejadiannya.`);
    } else if ((type === 'person' || type === 'vendor' || type === 'user') && expected) {
      const table = type === 'person' ? 'persons' : type === 'vendor' ? 'vendors' : 'users';
      const have = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
      if (!have) problems.push(`Data ${type} ${id} hilang dari tabel turunannya.`);
    }
  }
  return { ok: problems.length === 0, problems };
}
