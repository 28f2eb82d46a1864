/**
 * Test harness of the sync suite: a real sync server (SQLite file, or a PostgreSQL database of its own when
 * TEST_DATABASE_URL is set) on 127.0.0.1 port 0, workstation backends on separate temporary data folders
 * with a manual timer (no test sleeps), and the convergence checks: checksums of the projections, counts
 * and sets of event ids on every PC and on the server, and the server's log folded with the same reducers.
 */
import { afterEach } from 'vitest';
import { schemaTables } from '../../db/verify';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createBackend, type Backend } from '../../backend/app';
import { syncEngineFor, type SyncEngine, type SyncTimer } from '../../backend/sync/engine';
import { HttpTransport, type SyncTransport } from '../../backend/sync/transport';
import type { InputOf, MethodName, OutputOf } from '../../contract/api';
import type { Result } from '../../contract/result';
import { foldAggregate, isKnownAggregate } from '../../domain/aggregates';
import { fromEnvelopeRow } from '../../domain/events/codec';
import { computeAuthority, isAccountEvent, judgeEvent } from '../../domain/permissions';
import type { StoredEvent } from '../../domain/events/schema';
import { buildServer, type ServerOptions, type SyncServer } from '../../server/app';
import { openServerDatabase, SQLITE_FILE_NAME, type ServerDatabase } from '../../server/db';
import { createOffice, issueEnrollmentCode, officeEvents, type Store } from '../../server/store';
import { callers, tempDir, TestClock, THU_0900_WITA } from '../helpers';

export type ServerKind = 'sqlite' | 'pg';

/**
 * The PostgreSQL variant runs only where a PostgreSQL is reachable: CI always sets TEST_DATABASE_URL
 * (.ci/run starts PostgreSQL 15); on a machine without it the pg cases are skipped, and say why.
 */
export const PG_URL = process.env.TEST_DATABASE_URL;
export const SERVER_KINDS: ServerKind[] = PG_URL ? ['sqlite', 'pg'] : ['sqlite'];
export const PG_SKIP_REASON = 'TEST_DATABASE_URL is not set: no PostgreSQL to test against on this machine';

process.env.LPSE_LOG = process.env.LPSE_LOG ?? 'silent';

// ---- the server ---------------------------------------------------------------------------------------

function pgUrlFor(database: string): string {
  const u = new URL(PG_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * DROP DATABASE … WITH (FORCE), tried again while PostgreSQL refuses it for a backend the test role may not
 * terminate (42501: an autovacuum worker, which runs as the superuser, visiting the test's database); such a
 * worker finishes within moments. Any other error is thrown at once.
 */
async function dropDatabase(c: pg.Client, name: string, ifExists = false): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE ${ifExists ? 'IF EXISTS ' : ''}${name} WITH (FORCE)`);
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== '42501' || attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export interface ServerTestOptions {
  bodyLimit?: number;
  enrollPerMinute?: number;
  authFailPerMinute?: number;
  requestTimeoutMs?: number;
  trustProxy?: readonly string[];
  /** The public pages' rate limits and shortest fill time (issue 12). */
  publicPages?: ServerOptions['publicPages'];
  /** Captures the server's JSON log lines (otherwise silent). */
  logLines?: string[];
}

export interface ServerBackup {
  kind: ServerKind;
  ref: string;
}

export class TestSyncServer {
  database!: ServerDatabase;
  server!: SyncServer;
  url = '';
  private running = false;

  private constructor(
    readonly kind: ServerKind,
    readonly dataDir: string,
    readonly pgDatabase: string | null,
    readonly now: () => number,
    readonly options: ServerTestOptions,
  ) {}

  static async start(kind: ServerKind, opts: ServerTestOptions & { now?: () => number } = {}): Promise<TestSyncServer> {
    let pgDatabase: string | null = null;
    if (kind === 'pg') {
      if (!PG_URL) throw new Error(PG_SKIP_REASON);
      pgDatabase = `lpse_sync_${crypto.randomBytes(6).toString('hex')}`;
      await pgAdmin((c) => c.query(`CREATE DATABASE ${pgDatabase}`));
    }
    const { now, ...options } = opts;
    const s = new TestSyncServer(kind, tempDir('lpse-sync-server-'), pgDatabase, now ?? (() => Date.now()), options);
    await s.boot();
    return s;
  }

  get store(): Store {
    return { db: this.database.db, dialect: this.database.dialect };
  }

  async boot(port = 0): Promise<void> {
    this.database = await openServerDatabase({ dataDir: this.dataDir, databaseUrl: this.pgDatabase ? pgUrlFor(this.pgDatabase) : undefined, poolSize: 5 });
    const { logLines, ...rest } = this.options;
    this.server = await buildServer({
      database: this.database,
      now: this.now,
      ...rest,
      ...(logLines ? { logLevel: 'info' as const, logStream: { write: (l: string) => void logLines.push(l) } } : { logLevel: 'silent' as const }),
    });
    const address = await this.server.app.listen({ port, host: '127.0.0.1' });
    this.url = address;
    this.running = true;
  }

  /** Stops answering (connections refused) and closes the database; the data stays. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.server.app.close();
    await this.database.close();
  }

  async backup(): Promise<ServerBackup> {
    if (this.kind === 'sqlite') {
      const file = path.join(tempDir('lpse-sync-backup-'), SQLITE_FILE_NAME);
      this.database.sqlite!.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
      return { kind: 'sqlite', ref: file };
    }
    // CREATE DATABASE … TEMPLATE needs the source without connections: a cold backup.
    const wasRunning = this.running;
    await this.stop();
    const ref = `${this.pgDatabase}_bak_${crypto.randomBytes(3).toString('hex')}`;
    await pgAdmin((c) => c.query(`CREATE DATABASE ${ref} TEMPLATE ${this.pgDatabase}`));
    if (wasRunning) await this.boot();
    return { kind: 'pg', ref };
  }

  /** Replaces the database with a backup (the server must be stopped) and starts again. */
  async restoreAndStart(b: ServerBackup): Promise<void> {
    await this.stop();
    if (b.kind === 'sqlite') {
      const file = path.join(this.dataDir, SQLITE_FILE_NAME);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(b.ref, file);
    } else {
      await pgAdmin(async (c) => {
        await dropDatabase(c, this.pgDatabase!);
        await c.query(`CREATE DATABASE ${this.pgDatabase} TEMPLATE ${b.ref}`);
      });
    }
    await this.boot();
  }

  async destroy(): Promise<void> {
    await this.stop();
    if (this.pgDatabase) {
      const name = this.pgDatabase;
      await pgAdmin(async (c) => {
        const r = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}%`]);
        for (const row of r.rows) await dropDatabase(c, row.datname, true);
      });
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  async createOffice(name: string): Promise<{ officeId: string; code: string }> {
    const office = await createOffice(this.store, name, this.now());
    const code = await issueEnrollmentCode(this.store, office.id, this.now());
    return { officeId: office.id, code: code.code };
  }

  async newCode(officeId: string): Promise<string> {
    return (await issueEnrollmentCode(this.store, officeId, this.now())).code;
  }

  async events(officeId: string) {
    return officeEvents(this.store, officeId);
  }
}

// ---- workstations -----------------------------------------------------------------------------------

/** A timer that fires only when the test moves it: the engine's loop never sleeps for real. */
export class ManualTimer implements SyncTimer {
  private t = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  set(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the timers waiting now. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.t);
  }

  /** Moves time forward, firing every timer that comes due (in order). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const e of this.pending) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.pending.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}

export interface Pc {
  name: string;
  backend: Backend;
  engine: SyncEngine;
  timer: ManualTimer;
  clock: TestClock;
  dataDir: string;
  token: string | null;
  call<M extends MethodName>(m: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  ok<M extends MethodName>(m: M, input: InputOf<M>): Promise<OutputOf<M>>;
  /** One full sync cycle; returns the status after it. */
  sync(): Promise<OutputOf<'sync.status'>>;
  close(): Promise<void>;
}

export interface PcOptions {
  clock?: TestClock;
  dataDir?: string;
  pullLimit?: number;
  pushBatchSize?: number;
  /**
   * Events per applied slice of a pulled page (default 3 here, 500 in the app): every sync test applies its
   * pages in several slices, so convergence, quarantine and resumed pulls are checked across slices (ADR 0040).
   */
  applySliceEvents?: number;
  /** The time a slice aims at (ADR 0044); unset, every slice holds `applySliceEvents`. */
  applySliceMs?: number;
  timeoutMs?: number;
  /** A transport of the test's own (one that tampers with what the server answers). */
  transport?: SyncTransport;
}

/**
 * The server and PCs of each test in a file, closed after it: set `bed.server`, push to `bed.pcs`. Called
 * once at the top of a test file (it registers the `afterEach`).
 */
export function syncBed(): { server: TestSyncServer | null; pcs: Pc[] } {
  const bed: { server: TestSyncServer | null; pcs: Pc[] } = { server: null, pcs: [] };
  afterEach(async () => {
    for (const pc of bed.pcs.splice(0)) await pc.close();
    await bed.server?.destroy();
    bed.server = null;
  });
  return bed;
}

/** A SQLite server in `bed` with one office, and the office's first PC "A": supervisor set up, enrolled. */
export async function officeWithFirstPc(bed: ReturnType<typeof syncBed>): Promise<{ server: TestSyncServer; officeId: string; a: Pc }> {
  const server = (bed.server = await TestSyncServer.start('sqlite'));
  const { officeId, code } = await server.createOffice('LPSE Kota Banjarmasin');
  const a = await startPc('A');
  bed.pcs.push(a);
  await setUpSupervisor(a);
  await enroll(a, server.url, code);
  return { server, officeId, a };
}

export async function startPc(name: string, opts: PcOptions = {}): Promise<Pc> {
  const dataDir = opts.dataDir ?? tempDir(`lpse-pc-${name}-`);
  const clock = opts.clock ?? new TestClock(THU_0900_WITA);
  const timer = new ManualTimer();
  const backend = await createBackend({
    dataDir,
    transport: 'browser',
    now: clock.now,
    sync: {
      timer,
      random: () => 0.5,
      transport: opts.transport ?? new HttpTransport({ timeoutMs: opts.timeoutMs ?? 10_000 }),
      ...(opts.pullLimit ? { pullLimit: opts.pullLimit } : {}),
      ...(opts.pushBatchSize ? { pushBatchSize: opts.pushBatchSize } : {}),
      applySliceEvents: opts.applySliceEvents ?? 3,
      ...(opts.applySliceMs !== undefined ? { applySliceMs: opts.applySliceMs } : {}),
    },
  });
  const pc: Pc = {
    name,
    backend,
    engine: syncEngineFor(backend.ctx),
    timer,
    clock,
    dataDir,
    token: null,
    ...callers(backend.dispatch, () => pc.token, `${name}: `),
    sync: async () => {
      await pc.engine.syncNow();
      return pc.engine.status();
    },
    close: () => backend.close(),
  };
  return pc;
}

export const SUPERVISOR = { username: 'kasubbag', displayName: 'Kepala Sub Bagian', password: 'rahasia-123' };

/** First PC of an office: creates the supervisor account. */
export async function setUpSupervisor(pc: Pc): Promise<void> {
  const s = await pc.ok('auth.setup', SUPERVISOR);
  pc.token = s.token;
}

export async function signIn(pc: Pc, username = SUPERVISOR.username, password = SUPERVISOR.password): Promise<void> {
  const s = await pc.ok('auth.signIn', { username, password });
  pc.token = s.token;
}

export async function enroll(pc: Pc, serverUrl: string, code: string): Promise<void> {
  await pc.ok('sync.enroll', { serverUrl, code, deviceName: `PC ${pc.name}` });
}

// ---- convergence --------------------------------------------------------------------------------------

/**
 * Tables that are not projections of the shared log, with why: everything else in the workstation's schema
 * is compared by `snapshot`, so a table a new migration adds is compared unless it is named here.
 */
export const LOCAL_TABLES: Readonly<Record<string, string>> = {
  events: 'the log itself: compared by id (eventIds)',
  meta: 'this database file: schema version, device id',
  parked_events: 'events this build cannot fold yet: the same build everywhere parks none',
  sync_state: "this PC's cursor and enrollment",
  sync_held_events: "events waiting for their device's key on this PC (held must be 0)",
  sync_quarantine: 'what this PC refused, with its reason',
  survey_outbox: 'survey answers held on the kiosk PC until released into the log (ADR 0010)',
  survey_token_secrets: 'survey codes stay on the PC that printed them; only their hashes are shared (ADR 0010)',
  number_floors: 'numbers a restore on this PC must not issue again (ADR 0016)',
  erasure_applied: 'what this PC redacted for each erasure and when, and its own events waiting for the server (ADR 0019)',
};

/** The workstation's projection tables, read from its schema (FTS5 shadow tables are the index's storage). */
export function projectionTables(db: Backend['ctx']['sqlite']): string[] {
  // The same classification as `db verify` (db/verify.ts): everything but the ledger, text indexes included.
  return schemaTables(db)
    .filter((t) => t.kind !== 'ledger')
    .map((t) => t.name);
}

/**
 * The rows of a table, order-free (each row's canonical JSON, sorted), so no key has to be named. A
 * contentless FTS5 index (vendors_fts) holds no readable rows: its terms are read through fts5vocab and named
 * by the vendor they index, as rowids differ between PCs.
 */
function tableRows(db: Backend['ctx']['sqlite'], table: string): string[] {
  if (table === 'vendors_fts') {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.vendors_fts_terms USING fts5vocab(main, vendors_fts, instance)`);
    return db.prepare(`SELECT v.id, t.term, t.offset FROM temp.vendors_fts_terms t JOIN vendors v ON v.rowid = t.doc`).all().map(canonical).sort();
  }
  return db.prepare(`SELECT * FROM "${table}"`).all().map(canonical).sort();
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

function sha(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export interface PcSnapshot {
  /** By projection table: a hash of its rows, and their count. */
  checksums: Record<string, string>;
  rowCounts: Record<string, number>;
  /** Every event id except the seed events every PC creates itself, sorted. */
  eventIds: string[];
  eventRows: number;
  /** Aggregate states, canonical JSON by id. */
  aggregates: Map<string, string>;
  pending: number;
  held: number;
}

export function snapshot(pc: Pc): PcSnapshot {
  const db = pc.backend.ctx.sqlite;
  const checksums: PcSnapshot['checksums'] = {};
  const rowCounts: PcSnapshot['rowCounts'] = {};
  for (const table of projectionTables(db)) {
    const rows = tableRows(db, table);
    checksums[table] = sha(rows.join('\n'));
    rowCounts[table] = rows.length;
  }
  const ids = (db.prepare(`SELECT id FROM events WHERE device_id != 'seed' ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
  const eventRows = (db.prepare(`SELECT count(*) AS n FROM events WHERE device_id != 'seed'`).get() as { n: number }).n;
  const aggregates = new Map(
    (db.prepare(`SELECT id, state FROM aggregates ORDER BY id`).all() as { id: string; state: string | null }[]).map((r) => [
      r.id,
      canonical(r.state === null ? null : JSON.parse(r.state)),
    ]),
  );
  const pending = (db.prepare(`SELECT count(*) AS n FROM events WHERE is_local = 1 AND server_seq IS NULL`).get() as { n: number }).n;
  const held = (db.prepare(`SELECT count(*) AS n FROM sync_held_events`).get() as { n: number }).n;
  return { checksums, rowCounts, eventIds: ids, eventRows, aggregates, pending, held };
}

export interface ServerSnapshot {
  eventIds: string[];
  eventRows: number;
  /** The server's log folded with the workstations' reducers: its "projection". */
  aggregates: Map<string, string>;
  seqs: number[];
}

export async function serverSnapshot(server: TestSyncServer, officeId: string): Promise<ServerSnapshot> {
  const events = await server.events(officeId);
  const byAggregate = new Map<string, StoredEvent[]>();
  // Folded as every PC folds: the events the permissions of the fold deny are left out.
  const all = events.map(fromEnvelopeRow);
  const { authority, denied } = computeAuthority(all.filter(isAccountEvent));
  for (const se of all) {
    if (denied.has(se.id) || (!isAccountEvent(se) && judgeEvent(se, authority) !== null)) continue;
    const list = byAggregate.get(se.aggregateId);
    if (list) list.push(se);
    else byAggregate.set(se.aggregateId, [se]);
  }
  const aggregates = new Map<string, string>();
  for (const [id, list] of byAggregate) {
    const type = list[0]!.aggregateType;
    if (isKnownAggregate(type)) aggregates.set(id, canonical(foldAggregate(type, list)));
  }
  return { eventIds: events.map((e) => e.id).sort(), eventRows: events.length, aggregates, seqs: events.map((e) => e.serverSeq) };
}
