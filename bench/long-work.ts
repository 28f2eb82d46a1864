/**
 * Issue 17 item 3 (and issue 15's backup figure under load): the counter's action while long work runs.
 * One counter action — a checklist item marked through the real dispatch (visits.markItem), back to back
 * with only a turn of the event loop between actions (harder than a person clicking) — timed
 *
 * - quiet: nothing else running (the baseline of this module, same database, same run);
 * - record_action_p99_during_export_ms: while the month's XLSX export job runs (report, detail sheet of
 *   every visit; in the background worker, backend/jobs/);
 * - record_action_p99_during_backup_ms: while an automatic backup runs (online backup, integrity_check of
 *   the copy, hash; in the background worker);
 * - record_action_p99_during_bulk_apply_ms: on a workstation of an office that pulls and applies a large
 *   backlog (the 20,000 events of the sync dataset, through the sync engine's own pull-and-apply path),
 *   beside the same PC's quiet p99 before the pull.
 *
 * Each figure's target is 3 × the quiet p99 of the same database in the same run; `record_action_p99_ms`
 * of the record module (same run) is printed beside it when that module ran.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../backend/app';
import { startExportJob } from '../backend/handlers/report';
import { monthRange } from '../backend/report/month';
import { syncEngineFor } from '../backend/sync/engine';
import { readSyncState, syncDb } from '../backend/sync/state';
import { HttpTransport } from '../backend/sync/transport';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { Rng, mobilePhone, nik, personName } from '../cli/demo-identities';
import type { InputOf } from '../contract/api';
import type { PullResponse } from '../contract/sync-protocol';
import { addDaysIso } from '../domain/time/wita';
import { formatPhoneNational } from '../domain/validation';
import { buildServer } from '../server/app';
import { openServerDatabase } from '../server/db';
import { createOffice, issueEnrollmentCode, type Store } from '../server/store';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchContext, type BenchModule, type Summary } from './harness';
import { startCpuProfile } from './profile';
import { TailTracer } from './tail-attribution';
import { SYNC_DATASET, SYNC_QUICK_DATASET } from './sync';

type Act = () => Promise<number>;

/** When set, every counter action is traced (checkpoint inside, GC over it: bench/tail-attribution.ts). */
let tracer: TailTracer | null = null;

/** Registers visits being checked, as the counter would (not measured), and returns the action to time. */
async function counterAction(backend: Backend, token: string, tag: string, visits = 40): Promise<Act> {
  const rng = new Rng(`bench-long-work-${tag}`);
  const targets: { id: string; items: string[] }[] = [];
  for (let i = 0; i < visits; i++) {
    const sex = rng.chance(0.6) ? 'L' : 'P';
    const reg = await call(backend, token, 'visits.register', {
      person: { id: null, name: personName(rng, sex), nik: nik(rng, sex, 1990), phone: formatPhoneNational(mobilePhone(rng)), email: '' },
      company: { id: null, name: `CV Latar ${tag} ${i} ${rng.int(1, 1e9)}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: '' },
      visitorRole: 'proxy',
      serviceCode: 'aktivasi_user_id',
      purposeNote: '',
      privacyNoticeShown: true,
    });
    const d = await call(backend, token, 'visits.startChecklist', { visitId: reg.visit.visit.id });
    targets.push({ id: reg.visit.visit.id, items: d.checklist.map((c) => c.code) });
  }
  let n = 0;
  return async () => {
    const t = targets[n % targets.length]!;
    const input: InputOf<'visits.markItem'> = {
      visitId: t.id,
      itemCode: t.items[Math.floor(n / targets.length) % t.items.length]!,
      originalSeen: n % 2 === 0,
      copyReceived: true,
      validUntil: '2028-12-31',
      meteraiOk: true,
      notBrought: false,
      note: '',
    };
    n++;
    const before = tracer?.marks() ?? null;
    const t0 = performance.now();
    const r = await backend.dispatch('visits.markItem', input, token);
    const dt = performance.now() - t0;
    tracer?.push({ startMs: t0, ms: dt, before, after: tracer.marks() });
    if (!r.ok) throw new Error(`visits.markItem failed: ${r.error.code} ${r.error.message}`);
    return dt;
  };
}

/** Between two actions: a turn of the event loop (back to back), or a pause as a person's next click. */
const pause = (gapMs: number) => new Promise<void>((r) => (gapMs > 0 ? setTimeout(r, gapMs) : setImmediate(r)));

async function quiet(act: Act, count: number, gapMs = 0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await act());
    await pause(gapMs);
  }
  return out;
}

/** Actions back to back while `work` runs; `work` is started again until `minSamples` are taken. */
async function during(act: Act, work: () => Promise<unknown>, minSamples: number, maxRuns: number, gapMs = 0): Promise<{ samples: number[]; runs: number; workMs: number[] }> {
  const samples: number[] = [];
  const workMs: number[] = [];
  let runs = 0;
  while (runs < maxRuns && (runs === 0 || samples.length < minSamples)) {
    let done = false;
    const t0 = performance.now();
    const running = work().finally(() => {
      done = true;
      workMs.push(round(performance.now() - t0, 1));
    });
    while (!done) {
      samples.push(await act());
      await pause(gapMs);
    }
    await running;
    runs++;
  }
  return { samples, runs, workMs };
}

function versus(name: string, d: Summary, q: Summary, details: Record<string, unknown>, recordP99: number | undefined) {
  const limit = round(3 * q.p99);
  return figure(d.p99, `<= ${limit}`, {
    unit: 'ms (p99 of visits.markItem through dispatch)',
    what: name,
    during_ms: d,
    baseline_quiet_ms: q,
    ratio_to_quiet_p99: round(d.p99 / q.p99, 2),
    target_rule: '3 × the quiet p99 of the same database in the same run',
    ...(recordP99 !== undefined ? { record_action_p99_ms_same_run: recordP99 } : {}),
    ...details,
  });
}

async function exportAndBackup(ctx: BenchContext, recordP99: number | undefined) {
  const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
  const work = await ctx.workCopy(ds, { shared: true });
  // A running clock, set to the morning after the exported month once it is known (a frozen one would
  // exhaust the hybrid clock's counter within the thousand actions timed here).
  let offset = 0;
  const backend = await createBackend({ dataDir: work.dir, transport: 'browser', now: () => Date.now() + offset, sync: false, backup: { timer: false } });
  const backupsDir = backend.ctx.backups?.dir;
  try {
    const { sqlite } = backend.ctx;
    const lastDay = (sqlite.prepare('SELECT max(day) AS d FROM visits').get() as { d: string }).d;
    const month = addDaysIso(`${lastDay.slice(0, 7)}-01`, -1).slice(0, 7);
    const range = monthRange(month);
    const monthVisits = (sqlite.prepare('SELECT count(*) AS n FROM visits WHERE day >= ? AND day < ?').get(range.firstDay, range.nextFirstDay) as { n: number }).n;
    offset = Date.parse(`${range.nextFirstDay}T01:00:00Z`) - Date.now();
    const now = Date.now() + offset;
    const helpdesk = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;
    const supervisor = (await call(backend, null, 'auth.signIn', { username: 'kasubbag', password: DEMO_PASSWORD })).token;
    const userId = backend.ctx.sessions.touch(supervisor, now)!.userId;
    ctx.log(`long-work: registering visits to check (not measured); jobs run ${backend.ctx.jobs?.mode ?? 'on the main thread'}`);
    const act = await counterAction(backend, helpdesk, 'counter');
    const count = ctx.quick ? 150 : 600;
    for (let i = 0; i < 30; i++) await act(); // warm-up
    const shm = path.join(work.dir, 'counter.sqlite-shm');
    const quietTrace = (tracer = new TailTracer(shm));
    const q = summarize(await quiet(act, count));
    await quietTrace.stop();
    const exportTrace = new TailTracer(shm);

    ctx.log(`long-work: actions while the XLSX export of ${month} (${monthVisits} visits) runs`);
    let bytes = 0;
    const exportProfile = await startCpuProfile('long-work-export');
    tracer = exportTrace;
    const exp = await during(
      act,
      async () => {
        const { job, done } = startExportJob(backend.ctx, userId, { month, format: 'xlsx', personalData: false, via: 'app', actorId: userId, actorName: 'Bench', operator: null });
        await done;
        if (job.state !== 'done') throw new Error(`export failed: ${job.error}`);
        bytes = job.result!.data.length;
      },
      count,
      ctx.quick ? 3 : 4,
    );
    await exportProfile?.stop();
    await exportTrace.stop();
    const backupTrace = (tracer = new TailTracer(shm));

    ctx.log('long-work: actions while an automatic backup runs');
    const service = backend.ctx.backups;
    if (!service) throw new Error('long-work: no backup service');
    let manifest: { bytes: number; events: number; ms: number } | null = null;
    const backupProfile = await startCpuProfile('long-work-backup');
    const bak = await during(
      act,
      async () => {
        manifest = await service.run('auto');
      },
      count,
      1,
    );
    await backupProfile?.stop();
    await backupTrace.stop();
    tracer = null;
    const expSummary = summarize(exp.samples);
    const bakSummary = summarize(bak.samples);
    const m = manifest as { bytes: number; events: number; ms: number } | null;
    return {
      record_action_p99_during_export_ms: versus('XLSX export job of one month', expSummary, q, {
        slow_actions: exportTrace.attribute(expSummary.p99),
        slow_actions_quiet: quietTrace.attribute(q.p99),
        month,
        month_visits: monthVisits,
        xlsx_bytes: bytes,
        exports: exp.runs,
        export_ms: exp.workMs,
        jobs: backend.ctx.jobs?.mode ?? 'main thread',
        events_in_database: ds.manifest.counts.events,
      }, recordP99),
      record_action_p99_during_backup_ms: versus('automatic backup (online backup, integrity_check, hash)', bakSummary, q, {
        slow_actions: backupTrace.attribute(bakSummary.p99),
        backup_ms: m?.ms ?? null,
        backup_wall_ms: bak.workMs[0] ?? null,
        database_bytes: m?.bytes ?? null,
        events: m?.events ?? null,
        jobs: backend.ctx.jobs?.mode ?? 'main thread',
      }, recordP99),
    };
  } finally {
    await backend.close();
    if (backupsDir) fs.rmSync(backupsDir, { recursive: true, force: true });
    work.remove();
  }
}

/**
 * Pages of the server's log answered from memory: the pages are fetched from the real server before the
 * measurement, so the workstation's main thread does only what it does in an office — apply — and not the
 * server's share of the work (which runs on another machine). Everything else goes to the server.
 */
class PrefetchedTransport extends HttpTransport {
  pages = new Map<string, PullResponse>();
  override async pull(...args: Parameters<HttpTransport['pull']>): Promise<PullResponse> {
    const [, , p] = args;
    const page = this.pages.get(`${p.after}/${p.afterId ?? ''}/${p.limit}`);
    return page ?? super.pull(...args);
  }
  async prefetch(url: string, token: string, limit: number): Promise<number> {
    let after = 0;
    let afterId: string | null = null;
    let events = 0;
    for (;;) {
      const res = await super.pull(url, token, { after, afterId, limit });
      this.pages.set(`${after}/${afterId ?? ''}/${limit}`, res);
      events += res.events.length;
      if (!res.more || res.events.length === 0) return events;
      const last = res.events[res.events.length - 1]!;
      after = last.serverSeq;
      afterId = last.id;
    }
  }
}

async function bulkApply(ctx: BenchContext, recordP99: number | undefined) {
  const ds = await ctx.dataset(ctx.quick ? SYNC_QUICK_DATASET : SYNC_DATASET);
  const work = await ctx.workCopy(ds);
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-lw-server-'));
  const cDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-lw-pc-'));
  const database = await openServerDatabase({ dataDir: serverDir });
  const server = await buildServer({ database, logLevel: 'silent', devicePerMinute: 1_000_000, authFailPerMinute: 1_000_000 });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const store: Store = { db: database.db, dialect: database.dialect };
  const transport = new PrefetchedTransport();
  // No background cycles, no live pushes: the bench runs each sync step itself (an injected timer that never
  // fires also turns live sync off, backend/sync/engine.ts).
  const inert = { set: () => null, clear: () => undefined };
  const a = await createBackend({ dataDir: work.dir, transport: 'browser', sync: { autoStart: false, timer: inert }, backup: false });
  // Pages of 1,000, the size the prefetch below fetches: the engine would otherwise ask for pages of up to
  // 5,000 (ADR 0026), miss the prefetched pages and make the server's share of the work part of the figure.
  // Known flaw of this scenario (to be rebuilt): C's staff are set up by C itself after enrolling, which the
  // permission fold denies once the office's accounts arrive (domain/permissions.ts: only the office's first
  // account may create itself; a real joining PC gets its staff from the office). Checked: after the pull
  // C's helpdesk is denied with pages of 1,000 too (334 denials, the next markItem is not_found); the actions
  // timed during the pull run before the verdict lands. With one 5,000-event page it lands mid-measurement.
  const c = await createBackend({ dataDir: cDir, transport: 'browser', sync: { autoStart: false, transport, timer: inert, pullLimit: 1000 }, backup: false });
  try {
    const office = await createOffice(store, 'Bench', Date.now());
    const ea = syncEngineFor(a.ctx);
    await ea.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench A');
    ctx.log('long-work: A pushes its log to the server (not measured)');
    await ea.pushPending();
    const ec = syncEngineFor(c.ctx);
    await ec.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench C');
    // C is a new counter PC of the office with its own staff, working while the office's history arrives.
    const setup = await call(c, null, 'auth.setup', { username: 'kepala_c', displayName: 'Kepala Bench', password: 'rahasia-bench-1' });
    await call(c, setup.token, 'users.create', { username: 'loket_c', displayName: 'Loket Bench', roles: ['helpdesk'], password: 'rahasia-bench-2' });
    const helpdesk = (await call(c, null, 'auth.signIn', { username: 'loket_c', password: 'rahasia-bench-2' })).token;
    const act = await counterAction(c, helpdesk, 'pc-c');
    // C's own events reach the server first, so the pull below is the office's history only.
    await ec.pushPending();
    const token = (await readSyncState(syncDb(c.ctx.db))).deviceToken;
    const pullLimit = 1000; // the engine's default page (backend/sync/engine.ts)
    const events = token ? await transport.prefetch(url, token, pullLimit) : 0;
    if (!events) throw new Error('long-work: could not prefetch the office log for C');
    // Actions 20 ms apart here (still faster than any person): the sync cycle pushes this PC's own events
    // before it pulls, until none is left, and back-to-back actions would keep it pushing for ever.
    const gapMs = 20;
    for (let i = 0; i < 30; i++) await act();
    const q = summarize(await quiet(act, ctx.quick ? 100 : 300, gapMs));
    ctx.log(`long-work: actions while C pulls and applies ${events} events`);
    const held = () => (c.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE device_id = ?`).get(a.ctx.deviceId) as { n: number }).n;
    const d = await during(act, () => ec.syncNow(), 1, 1, gapMs);
    const applied = held();
    if (applied < (a.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1').get() as { n: number }).n) throw new Error(`long-work: C applied only ${applied} of A's events`);
    return {
      record_action_p99_during_bulk_apply_ms: versus('a new PC of the office pulls and applies the office log (sync engine, pages of 1,000)', summarize(d.samples), q, {
        events_applied: applied,
        action_gap_ms: gapMs,
        apply_ms: d.workMs[0] ?? null,
        events_per_s: d.workMs[0] ? round((applied / d.workMs[0]) * 1000, 0) : null,
        pages: transport.pages.size,
        server: 'pages fetched from the real server before the measurement (the server is another machine in an office)',
      }, recordP99),
    };
  } finally {
    await a.close();
    await c.close();
    await server.app.close();
    await database.close();
    work.remove();
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(cDir, { recursive: true, force: true });
  }
}

export const longWorkModule: BenchModule = {
  name: 'long-work',
  description: 'the counter action while an export, a backup, or a bulk apply of a pulled backlog runs',
  async run(ctx) {
    const recordP99 = ctx.figure('record_action_p99_ms');
    return { ...(await exportAndBackup(ctx, recordP99)), ...(await bulkApply(ctx, recordP99)) };
  },
};
