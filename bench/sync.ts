/**
 * Sync figures (issue 4):
 * - sync_20k_events_s: PC A holds ~20,000 unsynced events (a demo-data office: vendors, visitors, staff,
 *   visits and every checklist step); A pushes them to the server, then B (a fresh PC of the same office)
 *   pulls and applies them — loopback, SQLite server, every commit durable (synchronous=FULL on all three
 *   databases). The value is A's push plus B's pull-and-apply; A's own following cycle (pulling its events
 *   back, a no-op apart from the acknowledgements) is reported beside it.
 * - sync_20k_server_process_s: the same transfer with the server as its own process (the built bundle, SQLite),
 *   as it is deployed: A and the in-process server above share one thread, so that figure adds the server's
 *   work to A's and B's; here the server works on the other core while A encodes its next batch and while B
 *   applies a page. Beside it the share of each side (push_s, pull_apply_s).
 * - sync_20k_events_pg_s: the same with the server on PostgreSQL (skipped, with the reason, when no
 *   PostgreSQL URL is given: BENCH_DATABASE_URL or TEST_DATABASE_URL, an admin URL; a scratch database is
 *   created and dropped).
 * - server_ingest_vs_raw_insert: the server's ingest time for those events — per push, from the handler's
 *   start (body received and parsed) through authentication, validation, dedupe lookup, insert and the
 *   commit — divided by a raw bulk insert of the same rows into the same database in the same run (SQLite:
 *   one prepared INSERT looped inside one transaction; PostgreSQL: multi-row INSERTs of 500 rows inside one
 *   transaction). The whole request time (which also counts receiving the body while the client sends it)
 *   is reported beside it as server_request_ms.
 * - sync_apply_events_per_s: the bulk apply path (db/bulk-apply.ts) on its own — the same events applied to a
 *   fresh PC in pages of the pull's size, each page one durable transaction — beside a raw batched insert
 *   of the same rows into the same table of another fresh PC (one prepared INSERT looped, same pages and
 *   commits), and beside the same events appended one by one (the path before issue 17, on a sample).
 * - join_office_events_per_s, join_office_usable_s (issue 17): a new PC joins the office whose server holds
 *   those events (pages of 1,000, each its own transaction); meanwhile the helpdesk signs in at it as soon
 *   as the accounts have arrived and registers a new visitor. The rate is what a 1,000,000-event office
 *   needs to join within 60 s (>= 16,667 events/s); usable is the time from the join's start until that
 *   first new visit is committed.
 * - server_pull_rps, server_pull_p99_ms: the real server process (dist/node/server.mjs, default settings,
 *   SQLite, every limit in place) with 100 keep-alive connections, each polling its office's event feed at
 *   an up-to-date cursor as fast as it gets answers, for a fixed time after a warm-up. Each connection polls
 *   for 10 enrolled devices in turn, each device within 90 % of its per-device rate limit (a single device
 *   polling without pause would be refused with 429: checked after the load, limit_check).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createBackend } from '../backend/app';
import { syncEngineFor } from '../backend/sync/engine';
import { buildServer } from '../server/app';
import { openServerDatabase, type ServerDatabase } from '../server/db';
import { MAX_PULL_LIMIT } from '../contract/sync-protocol';
import { createOffice, enrollDevice, EVENT_COLUMNS, issueEnrollmentCode, pushEvents, type Store } from '../server/store';
import type { Dataset, DatasetSpec } from './datasets';
import { figure, round, summarize, type BenchContext, type BenchModule } from './harness';
import { measureSigning } from './signing';
import { startCpuProfile } from './profile';
import { startServerProcess } from './server-process';
import { appendEvents, rowToEvent } from '../db/event-store';
import { bulkApply } from '../db/bulk-apply';
import { DB_FILE_NAME, openDatabase } from '../db/open';
import Database from 'better-sqlite3';
import type { StoredEvent } from '../domain/events/schema';
import { DEMO_PASSWORD } from '../cli/demo-data';

/** A demo-data office whose log holds just over 20,000 events (about 12.7 events per visit). */
export const SYNC_DATASET: DatasetSpec = { name: 'sync-20k', visits: 1580, days: 25, seed: 'bench-sync' };
export const SYNC_QUICK_DATASET: DatasetSpec = { name: 'sync-quick', visits: 200, days: 5, seed: 'bench-sync' };

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function pgAdminUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

interface JoinResult {
  events: number;
  join_s: number;
  usable_s: number;
  history_at_usable: string | null;
}

interface TransferResult {
  signing: ReturnType<typeof measureSigning>;
  events: number;
  push_s: number;
  pull_apply_s: number;
  /** CPU time of this process (client and in-process server) in those phases: less at the mercy of other load than wall time. */
  push_cpu_s: number;
  pull_apply_cpu_s: number;
  a_pull_back_s: number;
  server_ingest_ms: number;
  server_request_ms: number;
  raw_insert_ms: number;
  push_requests: number;
  join?: JoinResult;
}

/**
 * `serverProcess`: the server runs as its own process (the built bundle, SQLite), as it is deployed: it works
 * on the other core while A reads and encodes its next batch and while B applies a page. Otherwise it runs
 * in this process, on the thread of A and B, which is what the ingest timing (onPushTimed) needs.
 */
async function transfer(ctx: BenchContext, ds: Dataset, databaseUrl: string | undefined, join = false, serverProcess = false): Promise<TransferResult> {
  const kind = databaseUrl ? 'pg' : serverProcess ? 'sqlite, server process' : 'sqlite';
  const work = await ctx.workCopy(ds);
  const serverDir = tmp('lpse-bench-server-');
  const bDir = tmp('lpse-bench-pc-b-');
  const database = await openServerDatabase({ dataDir: serverDir, databaseUrl });
  let ingestMs = 0;
  let requestMs = 0;
  let pushRequests = 0;
  const server = serverProcess
    ? await startServerProcess(serverDir, 20_000)
    : await buildServer({
        database,
        logLevel: 'silent',
        onPushTimed: (t) => {
          ingestMs += t.ingestMs;
          requestMs += t.requestMs;
          pushRequests++;
        },
      });
  const url = 'port' in server ? `http://127.0.0.1:${server.port}` : await server.app.listen({ port: 0, host: '127.0.0.1' });
  const store: Store = { db: database.db, dialect: database.dialect };
  const a = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', sync: false, backup: false });
  const b = await createBackend({ startupQuickCheck: false, dataDir: bDir, transport: 'browser', sync: false, backup: false });
  try {
    const office = await createOffice(store, 'Bench', Date.now());
    const ea = syncEngineFor(a.ctx);
    const eb = syncEngineFor(b.ctx);
    await ea.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench A');
    await eb.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench B');
    const events = (a.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1 AND server_seq IS NULL').get() as { n: number }).n;
    ctx.log(`sync (${kind}): A holds ${events} unsynced events; pushing`);

    const c0 = process.cpuUsage();
    const pushProfile = join ? null : await startCpuProfile(`sync-push-${kind.replace(/\W+/g, '-')}`);
    const t0 = performance.now();
    const accepted = await ea.pushPending();
    if (join) {
      // B joins; the helpdesk works at B as soon as the accounts are there, while the history arrives.
      const j0 = performance.now();
      let usable: Promise<{ at: number; history: string | null }> | null = null;
      const off = b.ctx.changes.subscribe(() => {
        if (usable || !b.ctx.sqlite.prepare(`SELECT 1 FROM users WHERE username = 'helpdesk1'`).get()) return;
        usable = (async () => {
          const session = await b.dispatch('auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD }, null);
          if (!session.ok) throw new Error(`join: sign-in at B failed: ${session.error.message}`);
          const r = await b.dispatch('visits.register', JOIN_VISIT, (session.value as { token: string }).token);
          if (!r.ok) throw new Error(`join: registration at B failed: ${r.error.message}`);
          return { at: performance.now(), history: (await eb.status()).historyText };
        })();
      });
      await eb.syncNow();
      const j1 = performance.now();
      off();
      if (!usable) throw new Error('join: the accounts never arrived at B');
      const u = await (usable as Promise<{ at: number; history: string | null }>);
      const bCount = (b.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE is_local = 0 AND device_id NOT IN ('seed', 'server')`).get() as { n: number }).n;
      if (bCount !== events) throw new Error(`join: B holds ${bCount} of ${events} events`);
      ctx.log(`sync (${kind}): joined with ${events} events in ${round((j1 - j0) / 1000)} s, first new visit after ${round((u.at - j0) / 1000)} s`);
      return { ...emptyTransfer(events), join: { events, join_s: (j1 - j0) / 1000, usable_s: (u.at - j0) / 1000, history_at_usable: u.history } };
    }
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    await pushProfile?.stop();
    ctx.log(`sync (${kind}): pushed in ${round((t1 - t0) / 1000)} s; B pulls and applies`);
    const pullProfile = await startCpuProfile(`sync-pull-${kind.replace(/\W+/g, '-')}`);
    await eb.syncNow();
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    await pullProfile?.stop();
    const bStatus = await eb.status();
    if (bStatus.lastError && bStatus.state !== 'online') throw new Error(`B failed to sync: ${bStatus.lastError.message}`);
    await ea.syncNow();
    const t3 = performance.now();

    const bCount = (b.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE device_id NOT IN ('seed', 'server')`).get() as { n: number }).n;
    if (accepted !== events || bCount !== events) throw new Error(`lost events: A had ${events}, server accepted ${accepted}, B holds ${bCount}`);
    const sameVisits = ['visits', 'visit_items', 'vendors', 'persons'].every((t) => {
      const q = `SELECT count(*) AS n FROM ${t}`;
      return (a.ctx.sqlite.prepare(q).get() as { n: number }).n === (b.ctx.sqlite.prepare(q).get() as { n: number }).n;
    });
    if (!sameVisits) throw new Error('B does not hold the projections A holds');

    const rawMs = serverProcess ? 0 : await rawInsert(database, databaseUrl, office.id);
    // The same events, signed and verified apart from the transfer: what the server's and B's checks cost.
    const pushed = (a.ctx.sqlite.prepare('SELECT * FROM events WHERE is_local = 1 ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
    return {
      signing: measureSigning(pushed),
      events,
      push_s: (t1 - t0) / 1000,
      pull_apply_s: (t2 - t1) / 1000,
      push_cpu_s: (c1.user + c1.system - c0.user - c0.system) / 1e6,
      pull_apply_cpu_s: (c2.user + c2.system - c1.user - c1.system) / 1e6,
      a_pull_back_s: (t3 - t2) / 1000,
      server_ingest_ms: ingestMs,
      server_request_ms: requestMs,
      raw_insert_ms: rawMs,
      push_requests: pushRequests,
    };
  } finally {
    await a.close();
    await b.close();
    if ('port' in server) await server.stop();
    else await server.app.close();
    await database.close();
    work.remove();
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(bDir, { recursive: true, force: true });
  }
}

const COLUMNS = EVENT_COLUMNS;

/** A visitor new to the office (the first registration at a joining PC). */
export const JOIN_VISIT = {
  person: { id: null, name: 'Muhammad Rizki Pratama', nik: '6371012708950003', phone: '0813 4870 2211', email: '' },
  company: {
    id: null,
    name: 'CV Bench Gabung Kantor',
    legalForm: 'CV' as const,
    npwp: '02.913.555.1-731.000',
    address: 'Jl. Pangeran Antasari No. 7, Banjarmasin',
    email: '',
    phone: '',
    leaderName: 'Muhammad Rizki Pratama',
  },
  visitorRole: 'proxy' as const,
  serviceCode: 'aktivasi_user_id',
  purposeNote: '',
  privacyNoticeShown: true,
};

function emptyTransfer(events: number): TransferResult {
  return {
    signing: measureSigning([]),
    events,
    push_s: 0,
    pull_apply_s: 0,
    push_cpu_s: 0,
    pull_apply_cpu_s: 0,
    a_pull_back_s: 0,
    server_ingest_ms: 0,
    server_request_ms: 0,
    raw_insert_ms: 0,
    push_requests: 0,
  };
}

/** The baseline: the same rows, bulk-inserted into the same table under another office id. */
async function rawInsert(database: ServerDatabase, databaseUrl: string | undefined, officeId: string): Promise<number> {
  const store: Store = { db: database.db, dialect: database.dialect };
  const rows = await store.db.selectFrom('events').selectAll().where('office_id', '=', officeId).orderBy('server_seq').execute();
  const copy = rows.map((r) => ({ ...r, office_id: 'raw-baseline' }));
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const insert = sqlite.prepare(`INSERT INTO events (${COLUMNS.join(',')}) VALUES (${COLUMNS.map(() => '?').join(',')})`);
    const all = sqlite.transaction((list: typeof copy) => {
      for (const r of list) insert.run(COLUMNS.map((c) => r[c]));
    });
    const t0 = performance.now();
    all(copy);
    const ms = performance.now() - t0;
    sqlite.prepare(`DELETE FROM events WHERE office_id = 'raw-baseline'`).run();
    return ms;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < copy.length; i += 500) {
      const chunk = copy.slice(i, i + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => `(${COLUMNS.map((c) => `$${params.push(r[c])}`).join(',')})`);
      await client.query(`INSERT INTO events (${COLUMNS.join(',')}) VALUES ${tuples.join(',')}`, params);
    }
    await client.query('COMMIT');
    return performance.now() - t0;
  } finally {
    await client.query(`DELETE FROM events WHERE office_id = 'raw-baseline'`);
    await client.end();
  }
}

// ---- bulk apply -----------------------------------------------------------------------------------------

interface ApplyResult {
  events: number;
  apply_s: number;
  apply_cpu_s: number;
  raw_s: number;
  one_by_one_sample: number;
  one_by_one_s: number;
  page: number;
}

/** The page size the sync engine pulls from a current server (contract/sync-protocol.ts MAX_PULL_LIMIT; engine default). */
const APPLY_PAGE = MAX_PULL_LIMIT;

async function applyBench(ctx: BenchContext, ds: Dataset): Promise<ApplyResult> {
  const src = new Database(path.join(ds.dir, DB_FILE_NAME), { readonly: true });
  let rows: Parameters<typeof rowToEvent>[0][];
  try {
    rows = src.prepare(`SELECT * FROM events WHERE device_id NOT IN ('seed', 'server') ORDER BY seq`).all() as Parameters<typeof rowToEvent>[0][];
  } finally {
    src.close();
  }
  const events: StoredEvent[] = rows.map(rowToEvent);
  const serverSeqs = new Map(events.map((e, i) => [e.id, i + 1]));
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = tmp('lpse-bench-apply-');
    dirs.push(dir);
    return openDatabase(dir);
  };
  try {
    const a = await fresh();
    const profile = await startCpuProfile('sync-apply');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await bulkApply({ db: a.db, sqlite: a.sqlite }, events, { isLocal: false, now: Date.now(), serverSeqs, pageSize: APPLY_PAGE });
    const applyMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    await profile?.stop();
    if (r.failed.length > 0 || r.applied !== events.length) throw new Error(`bulk apply: ${r.applied} of ${events.length} applied, ${r.failed.length} failed`);
    await a.close();

    // Baseline: the same rows, raw, into the same table, in the same pages and commits.
    const b = await fresh();
    const cols = Object.keys(rows[0]!).filter((c) => c !== 'seq');
    const insert = b.sqlite.prepare(`INSERT INTO events (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    const page = b.sqlite.transaction((list: typeof rows) => {
      for (const row of list) insert.run(cols.map((c) => (row as Record<string, unknown>)[c]));
    });
    const t1 = performance.now();
    for (let i = 0; i < rows.length; i += APPLY_PAGE) page(rows.slice(i, i + APPLY_PAGE));
    const rawMs = performance.now() - t1;
    await b.close();

    // Before: each event appended in its own transaction (a sample, extrapolated per event).
    const sample = Math.min(events.length, ctx.quick ? 100 : 300);
    const c = await fresh();
    const t2 = performance.now();
    for (const e of events.slice(0, sample)) await c.db.transaction().execute((tx) => appendEvents(tx, [e], false, Date.now()));
    const oneMs = performance.now() - t2;
    await c.close();
    ctx.log(`sync: bulk apply ${events.length} events in ${round(applyMs / 1000)} s (raw insert ${round(rawMs / 1000)} s)`);
    return {
      events: events.length,
      apply_s: applyMs / 1000,
      apply_cpu_s: (cpu.user + cpu.system) / 1e6,
      raw_s: rawMs / 1000,
      one_by_one_sample: sample,
      one_by_one_s: oneMs / 1000,
      page: APPLY_PAGE,
    };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

// ---- pull load ------------------------------------------------------------------------------------------


interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests: number;
  /** Answers other than 200 with an empty page, 429 excepted. */
  errors: number;
  /** 429 answers to the load itself: must be 0, every device stays within its limit. */
  rate_limited: number;
  seconds: number;
  devices: number;
  connections: number;
  device_rate_per_minute: number;
  /** One more device polling without pause: what the per-device limit does to it (issue 10 item 5). */
  limit_check: { sent: number; ok: number; rate_limited: number };
}

/** The server's default per-device limit (server/config.ts DEVICE_RATE_PER_MINUTE); the bench's server runs with defaults. */
const DEVICE_RATE_PER_MINUTE = 600;

async function pullLoad(ctx: BenchContext): Promise<LoadResult> {
  // 100 keep-alive connections, each polling as fast as it gets answers (the load). A real workstation polls
  // every 15 s and keeps one wait open, far below the per-device limit; a single device polling without
  // pause would exceed it within seconds and get 429 (an earlier version of this bench did exactly that and
  // counted 14,774 of 71,230 answers as errors). So each connection polls on behalf of its own devices in
  // turn, each device at most 90 % of its limit: the server answers the same load with every limit in place.
  const connections = 100;
  const perConnection = ctx.quick ? 4 : 10;
  const devices = connections * perConnection;
  const minGapMs = 60_000 / (DEVICE_RATE_PER_MINUTE * 0.9);
  const dataDir = tmp('lpse-bench-pull-');
  // Prepare the office, its log and the devices directly in the database, then start the real server on it.
  const database = await openServerDatabase({ dataDir });
  const store: Store = { db: database.db, dialect: database.dialect };
  const office = await createOffice(store, 'Bench', Date.now());
  const tokens: string[] = [];
  for (let i = 0; i <= devices; i++) {
    const code = await issueEnrollmentCode(store, office.id, Date.now());
    const e = await enrollDevice(store, { code: code.code, clientDeviceId: `bench-${i}`, name: `bench ${i}`, appVersion: 'bench' }, Date.now());
    tokens.push(e!.token);
  }
  // The last one is kept apart for the limit check.
  const checkToken = tokens.pop()!;
  const device = { id: (await store.db.selectFrom('devices').select('id').executeTakeFirstOrThrow()).id, officeId: office.id, clientDeviceId: 'bench-0' };
  let last = { seq: 0, id: '' };
  for (let batch = 0; batch < 4; batch++) {
    const events = Array.from({ length: 500 }, (_, i) => {
      const id = crypto.randomUUID();
      return {
        id,
        hlc: `${String(1795600000000 + batch * 1000 + i).padStart(15, '0')}-00000`,
        deviceId: 'bench-0',
        actorId: null,
        type: 'vendor.registered',
        aggregateType: 'vendor',
        aggregateId: id,
        payload: { name: `PT Bench ${batch}-${i}`, legalForm: 'PT', npwp: null, address: null, email: null, phone: null, leaderName: null },
        schemaVersion: 1,
        recordedAt: 1795600000000,
      };
    });
    const r = await pushEvents(store, device, { firstDeviceSeq: batch * 500 + 1, events }, Date.now());
    if (r.kind !== 'ok') throw new Error('could not seed the bench office');
    const tail = r.acks[r.acks.length - 1]!;
    last = { seq: tail.serverSeq, id: tail.id };
  }
  await database.close();

  const server = await startServerProcess(dataDir, 20_000);
  try {
    const port = server.port;

    const pathQ = `/v1/events?after=${last.seq}&afterId=${last.id}&limit=500`;
    const warmupMs = ctx.quick ? 500 : 1500;
    const measureMs = ctx.quick ? 2000 : 8000;
    const latencies: number[] = [];
    let errors = 0;
    let limited = 0;
    let measuring = false;
    let stop = false;
    const agents = Array.from({ length: connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    /** One poll on connection `c` with device `d`'s token: 'ok', 'limited' (429) or 'error'. */
    const one = (c: number, token: string) =>
      new Promise<'ok' | 'limited' | 'error'>((resolve) => {
        const t = performance.now();
        const req = http.request(
          { host: '127.0.0.1', port, path: pathQ, agent: agents[c], headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => {
              const outcome = res.statusCode === 200 && body.includes('"events":[]') ? 'ok' : res.statusCode === 429 ? 'limited' : 'error';
              if (measuring) {
                if (outcome === 'ok') latencies.push(performance.now() - t);
                else if (outcome === 'limited') limited++;
                else errors++;
              }
              resolve(outcome);
            });
          },
        );
        req.on('error', () => {
          if (measuring) errors++;
          resolve('error');
        });
        req.end();
      });
    const polledOnce = new Set<string>();
    const loops = agents.map(async (_, c) => {
      // This connection's devices, each polled again no sooner than minGapMs after its previous poll began.
      const mine = tokens.slice(c * perConnection, (c + 1) * perConnection);
      const lastAt = mine.map(() => -Infinity);
      for (let k = 0; !stop; k = (k + 1) % mine.length) {
        const wait = lastAt[k]! + minGapMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stop) break;
        lastAt[k] = performance.now();
        await one(c, mine[k]!);
        polledOnce.add(mine[k]!);
      }
    });
    // Warm-up: every device has polled at least once (the server records a device's first poll of a minute,
    // one write each: 1,000 of them belong to the warm-up, as they did with 100 devices), then warmupMs more.
    while (polledOnce.size < devices) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, warmupMs));
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, measureMs));
    measuring = false;
    const seconds = (performance.now() - t0) / 1000;
    stop = true;
    await Promise.all(loops);
    // The limit still protects: one device polling without pause gets 429 beyond its limit per minute.
    const sent = DEVICE_RATE_PER_MINUTE + 100;
    const check = { sent, ok: 0, rate_limited: 0 };
    for (let i = 0; i < sent; i++) {
      const r = await one(0, checkToken);
      if (r === 'ok') check.ok++;
      else if (r === 'limited') check.rate_limited++;
    }
    for (const a of agents) a.destroy();
    const s = summarize(latencies);
    ctx.log(`sync: pull load ${latencies.length} answers in ${round(seconds)} s from ${devices} devices on ${connections} connections, p99 ${s.p99} ms, 429 ${limited}, errors ${errors}; one device without pause: ${check.rate_limited} of ${sent} refused`);
    if (check.rate_limited === 0) throw new Error('pull load: a device polling without pause was never rate-limited');
    return {
      rps: latencies.length / seconds,
      p50_ms: s.p50,
      p99_ms: s.p99,
      max_ms: s.max,
      requests: latencies.length,
      errors,
      rate_limited: limited,
      seconds: round(seconds),
      devices,
      connections,
      device_rate_per_minute: DEVICE_RATE_PER_MINUTE,
      limit_check: check,
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- the module -----------------------------------------------------------------------------------------

export const syncModule: BenchModule = {
  name: 'sync',
  description: '20k events A→server→B on SQLite and PostgreSQL, server ingest vs raw insert, pull load of 100 connections over 1,000 devices',
  datasets: (quick) => [quick ? SYNC_QUICK_DATASET : SYNC_DATASET],
  async run(ctx) {
    const out: Record<string, unknown> = {};
    const ds = await ctx.dataset(ctx.quick ? SYNC_QUICK_DATASET : SYNC_DATASET);

    const sq = await transfer(ctx, ds, undefined);
    out.sync_20k_events_s = figure(sq.push_s + sq.pull_apply_s, '<= 3', {
      events: sq.events,
      // Inside push_s and pull_apply_s: the server verifies each batch, B each page (through the hash chain).
      signing: {
        ...sq.signing,
        chained_verify_s_per_side: round((sq.signing.verify_chained_us_per_event * sq.events) / 1e6),
        unchained_verify_s_per_side: round((sq.signing.verify_each_us_per_event * sq.events) / 1e6),
      },
      push_s: round(sq.push_s),
      pull_apply_s: round(sq.pull_apply_s),
      push_cpu_s: round(sq.push_cpu_s),
      pull_apply_cpu_s: round(sq.pull_apply_cpu_s),
      a_pull_back_s: round(sq.a_pull_back_s),
      push_requests: sq.push_requests,
    });
    out.server_ingest_vs_raw_insert = figure(sq.server_ingest_ms / sq.raw_insert_ms, '<= 3', {
      server_ingest_ms: round(sq.server_ingest_ms, 1),
      server_request_ms: round(sq.server_request_ms, 1),
      raw_insert_ms: round(sq.raw_insert_ms, 1),
      push_requests: sq.push_requests,
      database: 'sqlite',
    });

    const sp = await transfer(ctx, ds, undefined, false, true);
    out.sync_20k_server_process_s = figure(sp.push_s + sp.pull_apply_s, '<= 3', {
      events: sp.events,
      push_s: round(sp.push_s),
      pull_apply_s: round(sp.pull_apply_s),
      a_pull_back_s: round(sp.a_pull_back_s),
      note: 'the server in its own process, as deployed; sync_20k_events_s runs it on the thread of A and B',
    });

    const jn = (await transfer(ctx, ds, undefined, true)).join!;
    out.join_office_events_per_s = figure(jn.events / jn.join_s, '>= 16667', {
      events: jn.events,
      join_s: round(jn.join_s),
      note: 'the rate at which a 1,000,000-event office joins within 60 s; measured on this dataset',
    });
    out.join_office_usable_s = figure(jn.usable_s, '<= 10', { events: jn.events, history_at_usable: jn.history_at_usable });

    const ap = await applyBench(ctx, ds);
    out.sync_apply_events_per_s = figure(ap.events / ap.apply_s, '>= 50000', {
      events: ap.events,
      page: ap.page,
      apply_s: round(ap.apply_s),
      apply_cpu_s: round(ap.apply_cpu_s),
      raw_insert_events_per_s: round(ap.events / ap.raw_s, 0),
      raw_insert_s: round(ap.raw_s),
      vs_raw_insert: round(ap.apply_s / ap.raw_s, 2),
      one_by_one_events_per_s: round(ap.one_by_one_sample / ap.one_by_one_s, 0),
      one_by_one_sample: ap.one_by_one_sample,
    });

    const pgUrl = pgAdminUrl();
    if (pgUrl) {
      const name = `lpse_bench_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        const p = await transfer(ctx, ds, u.toString());
        out.sync_20k_events_pg_s = figure(p.push_s + p.pull_apply_s, '<= 5', {
          events: p.events,
          push_s: round(p.push_s),
          pull_apply_s: round(p.pull_apply_s),
          a_pull_back_s: round(p.a_pull_back_s),
          server_ingest_vs_raw_insert: round(p.server_ingest_ms / p.raw_insert_ms),
          server_ingest_ms: round(p.server_ingest_ms, 1),
          server_request_ms: round(p.server_request_ms, 1),
          raw_insert_ms: round(p.raw_insert_ms, 1),
        });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else {
      out.sync_20k_events_pg_s = { skipped: 'no PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to an admin URL, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres' };
    }

    const load = await pullLoad(ctx);
    out.server_pull_rps = figure(load.rps, '>= 2000', {
      devices: load.devices,
      connections: load.connections,
      seconds: load.seconds,
      requests: load.requests,
      errors: load.errors,
      rate_limited: load.rate_limited,
      device_rate_per_minute: load.device_rate_per_minute,
      limit_check: load.limit_check,
      p50_ms: load.p50_ms,
    });
    out.server_pull_p99_ms = figure(load.p99_ms, '<= 50', { max_ms: load.max_ms });
    return out as Record<string, never>;
  },
};
