/**
 * record_action_p99_ms, record_action_vs_raw_insert: one counter action — a checklist item marked through
 * the real dispatch (input validation, access check, handler, event append, aggregate and projection update,
 * committed with synchronous=FULL, the visit detail read back for the screen) — on a database holding over
 * a million events. Beside it, in the same run and on the same connection: a raw single-row insert
 * transaction (BEGIN; INSERT one event row; COMMIT) into the same events table, interleaved one to one
 * with the actions so both see the same disk and the same load. A third series times the disk alone: one
 * 4 KiB write plus fdatasync in the same folder, the floor under any durable commit. `slow_actions` and
 * `slow_raw_inserts` say what the samples at or above each series' p99 were (bench/tail-attribution.ts): a
 * checkpoint inside, a GC over it, its CPU time against its wall time (the rest is waiting: for the disk's
 * sync, or for a CPU taken by other processes), and the WAL frames each commit synced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { Rng, mobilePhone, nik, personName } from '../cli/demo-identities';
import type { InputOf } from '../contract/api';
import type { LEGAL_FORMS } from '../domain/events/schema';
import { uuidv7 } from '../domain/events/uuidv7';
import { formatPhoneNational } from '../domain/validation';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchModule } from './harness';
import { measureSigning } from './signing';
import { rowToEvent } from '../db/event-store';
import { ENVELOPE_COLUMNS } from '../domain/events/codec';
import { startCpuProfile } from './profile';
import { TailTracer, usage, usageBetween } from './tail-attribution';

export const recordModule: BenchModule = {
  name: 'record',
  description: 'one counter action (visits.markItem through dispatch) vs a raw insert transaction',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const work = await ctx.workCopy(ds);
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', sync: false, backup: false });
    try {
      const { sqlite } = backend.ctx;
      const eventsBefore = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      ctx.note('record.events_in_database', eventsBefore);
      const token = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;

      // 1,500 samples: fifteen above the p99 this reports (issue 17: a full run within 15 minutes; 3,000 took
      // twice as long for the same statistic), 100 warm-up actions for the JIT and SQLite's page cache.
      const iterations = ctx.quick ? 300 : 1500;
      const warmup = ctx.quick ? 30 : 100;
      const itemsPerVisit = 9; // service 1 for a proxy: nine requirements
      const visitsNeeded = Math.ceil((iterations + warmup) / itemsPerVisit);
      ctx.log(`record: registering ${visitsNeeded} visits of returning companies (not measured)`);
      const rng = new Rng('bench-record');
      const maxRowid = (sqlite.prepare('SELECT max(rowid) AS m FROM vendors').get() as { m: number }).m;
      const vendorAt = sqlite.prepare('SELECT id, name, legal_form, npwp, address, email, phone, leader_name FROM vendors WHERE rowid >= ? ORDER BY rowid LIMIT 1');
      const visits: { id: string; items: string[] }[] = [];
      for (let i = 0; i < visitsNeeded; i++) {
        const v = vendorAt.get(rng.int(1, maxRowid)) as {
          id: string;
          name: string;
          legal_form: (typeof LEGAL_FORMS)[number];
          npwp: string | null;
          address: string | null;
          email: string | null;
          phone: string | null;
          leader_name: string | null;
        };
        const sex = rng.chance(0.6) ? 'L' : 'P';
        const reg = await call(backend, token, 'visits.register', {
          person: { id: null, name: personName(rng, sex), nik: nik(rng, sex, 1990), phone: formatPhoneNational(mobilePhone(rng)), email: '' },
          company: {
            id: v.id,
            name: v.name,
            legalForm: v.legal_form,
            npwp: v.npwp ?? '',
            address: v.address ?? '',
            email: v.email ?? '',
            phone: v.phone ? formatPhoneNational(v.phone) : '',
            leaderName: v.leader_name ?? '',
          },
          visitorRole: 'proxy',
          serviceCode: 'aktivasi_user_id',
          purposeNote: '',
          privacyNoticeShown: true,
        });
        const detail = await call(backend, token, 'visits.startChecklist', { visitId: reg.visit.visit.id });
        visits.push({ id: reg.visit.visit.id, items: detail.checklist.map((c) => c.code) });
      }

      // The raw baseline writes the same row shape into the same table, on the same connection and pragmas:
      // the envelope of the event codec, with a chain hash and a signature as long as real ones.
      const insertRaw = sqlite.prepare(
        `INSERT INTO events (${[...ENVELOPE_COLUMNS, 'is_local', 'server_seq'].join(', ')})
         VALUES (?, ?, ?, ?, 'bench.raw_insert', 'bench', ?, ?, 1, ?, ?, ?, 1, NULL)`,
      );
      const rawPrev = 'p'.repeat(43);
      const rawSignature = `${'k'.repeat(22)}.${'s'.repeat(86)}`;
      const begin = sqlite.prepare('BEGIN');
      const commit = sqlite.prepare('COMMIT');
      const rawPayload = JSON.stringify({ itemCode: 'ktp_direktur', originalSeen: true, copyReceived: true, validUntil: null, meteraiOk: false, notBrought: false, note: null, at: Date.now() });
      const rawAggregate = uuidv7(Date.now());
      let rawCounter = 0;
      const rawInsert = () => {
        const now = Date.now();
        const t0 = performance.now();
        begin.run();
        insertRaw.run(uuidv7(now), `${String(now).padStart(15, '0')}-${String(rawCounter++ % 100000).padStart(5, '0')}`, backend.ctx.deviceId, null, rawAggregate, rawPayload, now, rawPrev, rawSignature);
        commit.run();
        return performance.now() - t0;
      };

      const syncFd = fs.openSync(path.join(work.dir, 'fdatasync-probe'), 'w');
      const page = Buffer.alloc(4096, 7);
      let syncOffset = 0;
      const diskSync = () => {
        const t0 = performance.now();
        fs.writeSync(syncFd, page, 0, page.length, syncOffset);
        fs.fdatasyncSync(syncFd);
        syncOffset = (syncOffset + page.length) % (1 << 22);
        return performance.now() - t0;
      };

      ctx.log(`record: ${iterations} actions (+${warmup} warm-up), each followed by one raw insert transaction and one disk sync`);
      const action: number[] = [];
      /** CPU time of each action (ms): the work itself, without waiting for the disk or for other processes. */
      const actionCpu: number[] = [];
      const raw: number[] = [];
      const disk: number[] = [];
      let profile: Awaited<ReturnType<typeof startCpuProfile>> = null;
      // What the slow actions are (checkpoint inside, GC over, slow disk next to them): bench/tail-attribution.ts.
      const shm = path.join(work.dir, 'counter.sqlite-shm');
      let tracer: TailTracer | null = null;
      let rawTracer: TailTracer | null = null;
      for (let i = 0; i < iterations + warmup; i++) {
        if (i === warmup) {
          profile = await startCpuProfile('record');
          tracer = new TailTracer(shm);
          rawTracer = new TailTracer(shm);
        }
        const visit = visits[Math.floor(i / itemsPerVisit)]!;
        const itemCode = visit.items[i % itemsPerVisit]!;
        const input: InputOf<'visits.markItem'> = {
          visitId: visit.id,
          itemCode,
          originalSeen: true,
          copyReceived: true,
          validUntil: '2028-12-31',
          meteraiOk: true,
          notBrought: false,
          note: '',
        };
        const before = tracer?.marks() ?? null;
        const u0 = usage();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await backend.dispatch('visits.markItem', input, token);
        const dt = performance.now() - t0;
        const cpu = process.cpuUsage(c0);
        const u1 = usage();
        const after = tracer?.marks() ?? null;
        if (!r.ok) throw new Error(`visits.markItem failed: ${r.error.code} ${r.error.message}`);
        const r0 = performance.now();
        const dr = rawInsert();
        const u2 = usage();
        const rawAfter = rawTracer?.marks() ?? null;
        const dd = diskSync();
        tracer?.push({ startMs: t0, ms: dt, before, after, diskMs: dd, ...usageBetween(u0, u1) });
        rawTracer?.push({ startMs: r0, ms: dr, before: after, after: rawAfter, diskMs: dd, ...usageBetween(u1, u2) });
        if (i >= warmup) {
          actionCpu.push((cpu.user + cpu.system) / 1000);
          action.push(dt);
          raw.push(dr);
          disk.push(dd);
        }
      }
      await profile?.stop();
      await tracer?.stop();
      await rawTracer?.stop();
      fs.closeSync(syncFd);
      // Every action above signed its event (the workstation's key, ADR 0011): what that costs, on the very
      // events the actions wrote.
      const written = (sqlite.prepare(`SELECT * FROM events WHERE type = 'visit.item_marked' AND is_local = 1 ORDER BY seq DESC LIMIT ${iterations}`).all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
      const signing = measureSigning(written);
      const signedShare = (sqlite.prepare(`SELECT count(*) AS n FROM events WHERE type = 'visit.item_marked' AND signature IS NOT NULL AND seq > (SELECT max(seq) FROM events) - ${iterations * 2}`).get() as { n: number }).n;
      const a = summarize(action);
      const b = summarize(raw);
      const diskSummary = summarize(disk);
      ctx.note('record.iterations', iterations);
      const journal = String(sqlite.pragma('journal_mode', { simple: true }));
      const sync = Number(sqlite.pragma('synchronous', { simple: true }));
      return {
        record_action_p99_ms: figure(a.p99, '<= 2', {
          action: 'visits.markItem through dispatch (validate, authorise, append event, fold, project, commit, read back the visit detail)',
          action_ms: a,
          action_cpu_ms: summarize(actionCpu),
          baseline_raw_insert_ms: b,
          baseline_disk_fdatasync_4k_ms: diskSummary,
          // The actions at or above the p99, and the raw inserts at or above theirs: checkpoint inside, GC
          // over, slow disk probe right after (bench/tail-attribution.ts).
          slow_actions: tracer?.attribute(a.p99, diskSummary.p95) ?? null,
          slow_raw_inserts: rawTracer?.attribute(b.p99, diskSummary.p95) ?? null,
          events_in_database: eventsBefore,
          pragmas: { journal_mode: journal, synchronous: sync === 2 ? 'FULL' : sync, wal_autocheckpoint: Number(sqlite.pragma('wal_autocheckpoint', { simple: true })) },
          // This loop never yields to timers, so the app's idle-time checkpoints (db/checkpoint.ts) never run
          // here: every checkpoint in it is the automatic backstop, paid inside an action or a raw insert.
          checkpoints: 'automatic backstop only (back-to-back loop, no idle time)',
        }),
        record_action_vs_raw_insert: figure(a.p50 / b.p50, '<= 3', {
          action_median_ms: a.p50,
          raw_insert_median_ms: b.p50,
          raw_insert: 'BEGIN; INSERT one row into events; COMMIT (prepared statement, same connection)',
          // The signing each action includes (chain hash + Ed25519), and its share of the action's median.
          signing: {
            ...signing,
            signed_actions: signedShare,
            sign_share_of_action: round(signing.sign_us_per_event / 1000 / a.p50, 3),
          },
        }),
      };
    } finally {
      await backend.close();
      work.remove();
    }
  },
};
