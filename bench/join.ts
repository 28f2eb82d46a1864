/**
 * Joining an office with a long history (issue 17 item 2), against a real server:
 * - join_office_1m_s: the real sync server (dist/node/server.mjs, default settings, SQLite) holds an office
 *   whose log has 1,000,000 events (about nine months of the bench's stress counter; more than six years of
 *   a busy real one), every one signed by its workstation's registered key and chained. A fresh workstation
 *   enrolls and pulls and applies the whole history through the real HTTP sync path (trust checks, bulk
 *   apply, cursor); the clock runs from the start of its first sync cycle until it holds every event.
 * - join_office_1m_usable_s: meanwhile the helpdesk signs in at the joining PC as soon as the accounts have
 *   arrived and registers a new visitor; the time from the start until that visit is committed.
 * Beside them: the same events raw-inserted into a fresh workstation's `events` table (one prepared INSERT
 * looped, pages of the same size), measured in the same run on a sample.
 *
 * The server's dataset is built once from the counter dataset (bench/datasets.ts) and kept in the cache:
 * its first 1,000,000 events in order, signed with a key registered for their workstation (a server-signed
 * `device.key_registered` comes first, as on a real server), bulk-inserted straight into the server's store.
 * Each run works on a copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createBackend } from '../backend/app';
import { syncEngineFor } from '../backend/sync/engine';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { rowToEvent } from '../db/event-store';
import { DB_FILE_NAME, openDatabase } from '../db/open';
import { MAX_PULL_LIMIT } from '../contract/sync-protocol';
import { toEnvelopeRow } from '../domain/events/codec';
import { SERVER_DEVICE_ID } from '../domain/events/device-events';
import type { StoredEvent } from '../domain/events/schema';
import { openServerDatabase, SQLITE_FILE_NAME } from '../server/db';
import { createOffice, enrollDevice, EVENT_COLUMNS, issueEnrollmentCode, type Store } from '../server/store';
import { generateSigningKey } from '../trust/ed25519';
import { COUNTER_DATASET, QUICK_DATASET, type Dataset } from './datasets';
import { figure, round, type BenchContext, type BenchModule, type Figures } from './harness';
import { startCpuProfile } from './profile';
import { JOIN_VISIT } from './sync';
import { ParallelSigner } from './parallel-sign';
import { startServerProcess } from './server-process';

/** How this file builds the server's dataset; a change that alters it bumps the number (the cache is rebuilt). */
const JOIN_BUILD_VERSION = 1;


interface JoinManifest {
  version: number;
  events: number;
  source: { name: string; builtAt: string };
  officeId: string;
  buildMs: number;
}

function readJoinManifest(dir: string): JoinManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as JoinManifest;
  } catch {
    return null;
  }
}

/** The server's data folder holding an office with `events` signed events, built on first use and cached. */
async function serverDataset(ctx: BenchContext, source: Dataset, events: number): Promise<{ dir: string; manifest: JoinManifest }> {
  const dir = path.join(ctx.cacheDir, `join-server-${events}`);
  const m = readJoinManifest(dir);
  if (
    m &&
    m.version === JOIN_BUILD_VERSION &&
    m.events === events &&
    m.source.name === source.manifest.spec.name &&
    m.source.builtAt === source.manifest.builtAt &&
    fs.existsSync(path.join(dir, SQLITE_FILE_NAME))
  ) {
    return { dir, manifest: m };
  }
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  ctx.log(`join: building the server's office of ${events} signed events from ${source.manifest.spec.name} (one-off; cached in ${dir})`);
  const started = Date.now();
  const database = await openServerDatabase({ dataDir: building });
  const src = new Database(path.join(source.dir, DB_FILE_NAME), { readonly: true });
  let officeId: string;
  try {
    const sqlite = database.sqlite!;
    const store: Store = { db: database.db, dialect: database.dialect };
    const office = await createOffice(store, 'Bench Gabung Kantor', Date.now());
    officeId = office.id;
    const first = src.prepare(`SELECT device_id FROM events WHERE device_id <> 'seed' ORDER BY seq LIMIT 1`).get() as { device_id: string } | undefined;
    if (!first) throw new Error('join: the source dataset has no events');
    // The history's workstation, enrolled with its key: the server announces the key first in the log.
    const { key, pem } = generateSigningKey();
    const code = await issueEnrollmentCode(store, office.id, Date.now());
    const enrolled = await enrollDevice(store, { code: code.code, clientDeviceId: first.device_id, name: 'PC loket (riwayat)', appVersion: 'bench', publicKey: key.publicKey }, Date.now());
    if (!enrolled) throw new Error('join: could not enroll the history workstation');
    let seq = (sqlite.prepare('SELECT last_seq FROM offices WHERE id = ?').get(office.id) as { last_seq: number }).last_seq;
    // Loading only: durability once at the end (the file is checkpointed and synced below).
    sqlite.pragma('synchronous = OFF');
    const insert = sqlite.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(',')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(',')})`);
    const insertPage = sqlite.transaction((rows: unknown[][]) => {
      for (const r of rows) insert.run(r);
    });
    const rows = src.prepare(`SELECT * FROM events WHERE device_id = ? ORDER BY seq LIMIT ?`).iterate(first.device_id, events) as IterableIterator<Parameters<typeof rowToEvent>[0]>;
    // Signatures on every core (bench/parallel-sign.ts): this thread reads, chains and stores in order while
    // worker threads sign the batches in flight (the build's largest cost on one core).
    const signer = new ParallelSigner(key, pem, null);
    const inFlight: Promise<StoredEvent[]>[] = [];
    let batch: StoredEvent[] = [];
    let done = 0;
    let lastLog = Date.now();
    const store1 = (signed: StoredEvent[]) => {
      const now = Date.now();
      insertPage(
        signed.map((e) => {
          seq += 1;
          done += 1;
          const row: Record<string, unknown> = { office_id: office.id, server_seq: seq, ...toEnvelopeRow(e), received_at: now, source_device: enrolled.device.id, device_seq: done };
          return EVENT_COLUMNS.map((c) => row[c]);
        }),
      );
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        ctx.log(`join: ${done} of ${events} events signed and stored, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    };
    try {
      for (const r of rows) {
        batch.push(rowToEvent(r));
        if (batch.length === 2000) {
          inFlight.push(signer.sign(batch));
          batch = [];
          // A few batches ahead per worker keep them busy; stored strictly in order.
          if (inFlight.length >= 8) store1(await inFlight.shift()!);
        }
      }
      if (batch.length > 0) inFlight.push(signer.sign(batch));
      while (inFlight.length > 0) store1(await inFlight.shift()!);
    } finally {
      await signer.close();
    }
    if (done !== events) throw new Error(`join: the source dataset holds ${done} events, ${events} needed`);
    sqlite.prepare('UPDATE offices SET last_seq = ? WHERE id = ?').run(seq, office.id);
    sqlite.prepare('UPDATE devices SET last_device_seq = ? WHERE id = ?').run(done, enrolled.device.id);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    src.close();
    await database.close();
  }
  const manifest: JoinManifest = { version: JOIN_BUILD_VERSION, events, source: { name: source.manifest.spec.name, builtAt: source.manifest.builtAt }, officeId, buildMs: Date.now() - started };
  fs.writeFileSync(path.join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  ctx.log(`join: server dataset built in ${Math.round(manifest.buildMs / 1000)} s`);
  return { dir, manifest };
}

interface JoinRun {
  events: number;
  join_s: number;
  join_cpu_s: number;
  /** CPU time the server process used meanwhile (null where /proc is not there). */
  server_cpu_s: number | null;
  usable_s: number;
  history_at_usable: string | null;
  pulled: number;
  /** Cycles that failed on the way (retryable; the next one went on from the cursor). */
  cycle_errors: string[];
}

async function joinOnce(ctx: BenchContext, server: { dir: string; manifest: JoinManifest }): Promise<JoinRun> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-join-server-'));
  const bDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-join-pc-'));
  try {
    fs.copyFileSync(path.join(server.dir, SQLITE_FILE_NAME), path.join(work, SQLITE_FILE_NAME));
    // On disk before the clock starts (ADR 0018's bench note: a copy written back during the run slows every fsync).
    const fd = fs.openSync(path.join(work, SQLITE_FILE_NAME), 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const database = await openServerDatabase({ dataDir: work });
    const code = await issueEnrollmentCode({ db: database.db, dialect: database.dialect }, server.manifest.officeId, Date.now());
    await database.close();
    const srv = await startServerProcess(work, 120_000);
    const b = await createBackend({ startupQuickCheck: false, dataDir: bDir, transport: 'browser', sync: false, backup: false });
    try {
      const eb = syncEngineFor(b.ctx);
      await eb.enroll(`http://127.0.0.1:${srv.port}`, code.code, 'bench joining PC');
      let usable: Promise<{ at: number; history: string | null }> | null = null;
      const off = b.ctx.changes.subscribe(() => {
        if (usable || !b.ctx.sqlite.prepare(`SELECT 1 FROM users WHERE username = 'helpdesk1'`).get()) return;
        usable = (async () => {
          const session = await b.dispatch('auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD }, null);
          if (!session.ok) throw new Error(`join: sign-in at the joining PC failed: ${session.error.message}`);
          const r = await b.dispatch('visits.register', JOIN_VISIT, (session.value as { token: string }).token);
          if (!r.ok) throw new Error(`join: registration at the joining PC failed: ${r.error.message}`);
          return { at: performance.now(), history: (await eb.status()).historyText };
        })();
      });
      ctx.log(`join: a fresh workstation joins the office of ${server.manifest.events} events`);
      const profile = await startCpuProfile('join');
      const progress = setInterval(() => {
        const n = (b.ctx.sqlite.prepare('SELECT max(seq) AS n FROM events').get() as { n: number | null }).n ?? 0;
        ctx.log(`join: ${n} events at the joining PC after ${round((performance.now() - t0) / 1000)} s`);
      }, 15_000);
      const s0 = srv.cpuSeconds();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      // As the app's loop would: a cycle that ended on a retryable failure (server unreachable or busy) is
      // followed by another, which goes on from the cursor; counted and reported, never hidden.
      const cycleErrors: string[] = [];
      let pulled = 0;
      try {
        for (let cycle = 1; ; cycle++) {
          pulled += (await eb.syncNow()).pulled;
          const st = await eb.status();
          if (!st.lastError || st.state === 'online' || cycle >= 3 || !['offline', 'server_error'].includes(st.lastError.code)) break;
          cycleErrors.push(`${st.lastError.code}: ${st.lastError.message}`);
          ctx.log(`join: cycle ${cycle} failed (${st.lastError.code}); the next cycle goes on from the cursor. Server output: ${srv.output().slice(-800)}`);
        }
      } finally {
        clearInterval(progress);
      }
      const t1 = performance.now();
      const cpu = process.cpuUsage(c0);
      const s1 = srv.cpuSeconds();
      await profile?.stop();
      off();
      const status = await eb.status();
      if (status.lastError && status.state !== 'online') throw new Error(`join: the sync failed: ${status.lastError.message}; server output: ${srv.output().slice(-1500)}`);
      if (!usable) throw new Error('join: the accounts never arrived');
      const u = await (usable as Promise<{ at: number; history: string | null }>);
      // The history's events (the joining PC's own seed events and the server's key events left out).
      const held = (b.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE is_local = 0 AND device_id NOT IN ('seed', ?)`).get(SERVER_DEVICE_ID) as { n: number }).n;
      if (held !== server.manifest.events) throw new Error(`join: the joining PC holds ${held} of ${server.manifest.events} events`);
      ctx.log(`join: ${held} events in ${round((t1 - t0) / 1000)} s (CPU of this process ${round((cpu.user + cpu.system) / 1e6)} s), first new visit after ${round((u.at - t0) / 1000)} s`);
      return {
        events: held,
        join_s: (t1 - t0) / 1000,
        join_cpu_s: (cpu.user + cpu.system) / 1e6,
        server_cpu_s: s0 === null || s1 === null ? null : s1 - s0,
        usable_s: (u.at - t0) / 1000,
        history_at_usable: u.history,
        pulled,
        cycle_errors: cycleErrors,
      };
    } finally {
      await b.close();
      await srv.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(bDir, { recursive: true, force: true });
  }
}

/** The baseline: the first `n` of the office's events raw-inserted into a fresh workstation, pages of `page`. */
async function rawInsertRate(server: { dir: string }, n: number, page: number): Promise<number> {
  const src = new Database(path.join(server.dir, SQLITE_FILE_NAME), { readonly: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-join-raw-'));
  try {
    const rows = src.prepare(`SELECT * FROM events WHERE device_id <> ? ORDER BY server_seq LIMIT ?`).all(SERVER_DEVICE_ID, n) as Record<string, unknown>[];
    const pc = await openDatabase(dir);
    try {
      const cols = ['id', 'hlc', 'device_id', 'actor_id', 'type', 'aggregate_type', 'aggregate_id', 'payload', 'schema_version', 'recorded_at', 'prev', 'signature', 'server_seq'];
      const insert = pc.sqlite.prepare(`INSERT INTO events (${cols.join(',')}, is_local) VALUES (${cols.map(() => '?').join(',')}, 0)`);
      const tx = pc.sqlite.transaction((list: Record<string, unknown>[]) => {
        for (const r of list) insert.run(cols.map((c) => r[c]));
      });
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += page) tx(rows.slice(i, i + page));
      return rows.length / ((performance.now() - t0) / 1000);
    } finally {
      await pc.close();
    }
  } finally {
    src.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const joinModule: BenchModule = {
  name: 'join',
  description: 'a fresh workstation joins an office whose real server holds 1,000,000 signed events',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  // The server's office is derived from the counter dataset, built before the modules run (bench/main.ts).
  async prepare(ctx) {
    await serverDataset(ctx, await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET), ctx.quick ? 30_000 : 1_000_000);
  },
  async run(ctx) {
    const events = ctx.quick ? 30_000 : 1_000_000;
    const source = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const server = await serverDataset(ctx, source, events);
    const j = await joinOnce(ctx, server);
    const rawRate = await rawInsertRate(server, Math.min(events, 100_000), MAX_PULL_LIMIT);
    const out: Figures = {
      join_office_1m_s: figure(j.join_s, '<= 60', {
        events: j.events,
        events_per_s: round(j.events / j.join_s, 0),
        // CPU time of the joining workstation (this process) and of the server process, less at the mercy of
        // other load on the machine than the wall time.
        cpu_s: round(j.join_cpu_s),
        server_cpu_s: j.server_cpu_s === null ? null : round(j.server_cpu_s),
        load_average: os.loadavg().map((x) => round(x, 2)),
        raw_insert_events_per_s: round(rawRate, 0),
        raw_insert_s_for_all: round(j.events / rawRate),
        cycle_errors: j.cycle_errors,
        server: 'real server process (dist/node/server.mjs), SQLite, default settings',
      }),
      join_office_1m_usable_s: figure(j.usable_s, '<= 10', { history_at_usable: j.history_at_usable }),
    };
    return out;
  },
};
