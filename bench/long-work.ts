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
 *   backlog (another PC's ~20,000 events of five weeks offline, the sync dataset's shape, through the sync
 *   engine's own pull-and-apply path), beside the same PC's quiet p99 before the pull; every event of the
 *   scenario must be allowed by the office (checked, see `bulkApply`).
 *
 * Each figure's target is 3 × the quiet p99 of the same database in the same run; `record_action_p99_ms`
 * of the record module (same run) is printed beside it when that module ran.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../backend/app';
import { startExportJob } from '../backend/handlers/report';
import { monthRange } from '../backend/report/month';
import { syncEngineFor } from '../backend/sync/engine';
import { readSyncState, syncDb } from '../backend/sync/state';
import { HttpTransport } from '../backend/sync/transport';
import { DEMO_PASSWORD, generateDemoData } from '../cli/demo-data';
import { openDatabase } from '../db/open';
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
  const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', now: () => Date.now() + offset, sync: false, backup: { timer: false } });
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

/** The office's staff, created by its supervisor on the office's first PC (the demo generator's accounts). */
const OFFICE_STAFF: { username: string; displayName: string; roles: ('helpdesk' | 'verifier' | 'sysadmin')[] }[] = [
  { username: 'helpdesk1', displayName: 'Noorhasanah, S.Kom.', roles: ['helpdesk'] },
  { username: 'helpdesk2', displayName: 'Ahmad Fauzan', roles: ['helpdesk'] },
  { username: 'verifikator1', displayName: 'Rusdiansyah, S.E.', roles: ['verifier'] },
  { username: 'verifikator2', displayName: 'Siti Maulida, S.H.', roles: ['verifier'] },
  { username: 'adminsistem', displayName: 'Fahmi Rahman, S.Kom.', roles: ['sysadmin'] },
  // C's helpdesk: an office account like the others, created on A and synced to C (never by C itself).
  { username: 'loket_c', displayName: 'Loket Bench C', roles: ['helpdesk'] },
];

/** Events a PC keeps without folding (permission denials) or set aside on arrival (quarantine). */
function refusedAt(b: Backend): { denials: number; quarantined: number } {
  const n = (sql: string) => (b.ctx.sqlite.prepare(sql).get() as { n: number }).n;
  return { denials: n('SELECT count(*) AS n FROM event_denials'), quarantined: n('SELECT count(*) AS n FROM sync_quarantine') };
}

/**
 * The scenario (issue 17 item 3, "comes back after a week offline"): an office whose first PC A is the
 * supervisor's. Two months ago the supervisor set the office up on A (the office's first account, created by
 * itself) and created the staff's accounts there, C's helpdesk among them; A synced them to the server. C, a
 * counter PC of the office, enrolled and got its staff from the office (a real joining PC never sets up its
 * own, domain/permissions.ts: only an office's first account may create itself). A then worked offline for
 * five weeks (the sync dataset's shape: the demo generator on A's own folder, with the office's accounts as
 * actors) and comes back: it pushes its backlog, and C pulls and applies it through the sync engine while
 * C's helpdesk keeps marking checklist items. At the end, no event of the scenario may be denied or
 * quarantined on either PC: the figure would otherwise time actions the office refuses.
 */
async function bulkApply(ctx: BenchContext, recordP99: number | undefined) {
  const spec = ctx.quick ? SYNC_QUICK_DATASET : SYNC_DATASET;
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-lw-server-'));
  const aDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-lw-pc-a-'));
  const cDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-bench-lw-pc-c-'));
  const database = await openServerDatabase({ dataDir: serverDir });
  const server = await buildServer({ database, logLevel: 'silent', devicePerMinute: 1_000_000, authFailPerMinute: 1_000_000 });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const store: Store = { db: database.db, dialect: database.dialect };
  const transport = new PrefetchedTransport();
  // No background cycles, no live pushes: the bench runs each sync step itself (an injected timer that never
  // fires also turns live sync off, backend/sync/engine.ts).
  const inert = { set: () => null, clear: () => undefined };
  // Pages of 1,000 at C, the size the prefetch below fetches: the engine would otherwise ask for pages of up
  // to 5,000 (ADR 0026), miss the prefetched pages and make the server's share of the work part of the figure.
  const c = await createBackend({ startupQuickCheck: false, dataDir: cDir, transport: 'browser', sync: { autoStart: false, transport, timer: inert, pullLimit: 1000 }, backup: false });
  let a: Backend | null = null;
  try {
    const office = await createOffice(store, 'Bench', Date.now());
    // ---- A, two months ago: the office is set up and its staff created (not measured) ----
    const twoMonths = 60 * 24 * 60 * 60 * 1000;
    a = await createBackend({ startupQuickCheck: false, dataDir: aDir, transport: 'browser', now: () => Date.now() - twoMonths, sync: { autoStart: false, timer: inert }, backup: false });
    const ea = syncEngineFor(a.ctx);
    await ea.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench A');
    const setup = await call(a, null, 'auth.setup', { username: 'kasubbag', displayName: 'H. Muhammad Rizali, S.T.', password: DEMO_PASSWORD });
    for (const s of OFFICE_STAFF) await call(a, setup.token, 'users.create', { ...s, password: DEMO_PASSWORD });
    await ea.pushPending();
    await a.close();
    a = null;
    // ---- C gets the office's accounts and its helpdesk starts working ----
    const ec = syncEngineFor(c.ctx);
    await ec.enroll(url, (await issueEnrollmentCode(store, office.id, Date.now())).code, 'bench C');
    await ec.syncNow();
    const helpdesk = (await call(c, null, 'auth.signIn', { username: 'loket_c', password: DEMO_PASSWORD })).token;
    const act = await counterAction(c, helpdesk, 'pc-c');
    // C's own events reach the server first, so the pull below is A's backlog only.
    await ec.pushPending();
    // ---- A's five weeks offline: the demo generator on A's folder (its actors are the office's accounts) ----
    ctx.log(`long-work: A works offline (${spec.visits} visits over ${spec.days} working days, demo generator; not measured)`);
    const opened = await openDatabase(aDir);
    try {
      await generateDemoData({ db: opened.db, sqlite: opened.sqlite, visits: spec.visits, days: spec.days, seed: spec.seed, now: Date.now() - 60_000 });
    } finally {
      await opened.close();
    }
    a = await createBackend({ startupQuickCheck: false, dataDir: aDir, transport: 'browser', sync: { autoStart: false, timer: inert }, backup: false });
    ctx.log('long-work: A comes back and pushes its backlog to the server (not measured)');
    await syncEngineFor(a.ctx).pushPending();
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
    const held = () => (c.ctx.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE device_id = ?`).get(a!.ctx.deviceId) as { n: number }).n;
    const before = held(); // A's account events, pulled before
    // What the slow actions met: a checkpoint or GC inside them (bench/tail-attribution.ts), and how long
    // the main thread itself was held between two turns of its event loop while C applied (the page's
    // checks and fold run on this thread; an action cannot even start while they run).
    const applyTrace = (tracer = new TailTracer(path.join(cDir, 'counter.sqlite-shm')));
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const d = await during(act, () => ec.syncNow(), 1, 1, gapMs);
    loop.disable();
    await applyTrace.stop();
    tracer = null;
    const applied = held() - before;
    const written = (a.ctx.sqlite.prepare('SELECT count(*) AS n FROM events WHERE is_local = 1').get() as { n: number }).n - before;
    if (applied < written) throw new Error(`long-work: C applied only ${applied} of A's ${written} events`);
    // The scenario's own check: every event of it is one the office allows (issue 17; the old scenario's C
    // set up its own staff and had 334 events denied at the end).
    for (const [name, pc] of [['A', a], ['C', c]] as const) {
      const r = refusedAt(pc);
      if (r.denials > 0 || r.quarantined > 0) throw new Error(`long-work: PC ${name} holds ${r.denials} denied and ${r.quarantined} quarantined events; the scenario must have none`);
    }
    // And C's helpdesk still acts once the whole backlog is folded.
    await act();
    return {
      record_action_p99_during_bulk_apply_ms: versus('a PC of the office pulls and applies another PC\'s backlog of five weeks offline (sync engine, pages of 1,000)', summarize(d.samples), q, {
        events_applied: applied,
        action_gap_ms: gapMs,
        apply_ms: d.workMs[0] ?? null,
        events_per_s: d.workMs[0] ? round((applied / d.workMs[0]) * 1000, 0) : null,
        pages: transport.pages.size,
        denied_or_quarantined: 0,
        slow_actions: applyTrace.attribute(summarize(d.samples).p99),
        main_thread_held_ms: { p50: round(loop.percentile(50) / 1e6), p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
        server: 'pages fetched from the real server before the measurement (the server is another machine in an office)',
      }, recordP99),
    };
  } finally {
    await a?.close();
    await c.close();
    await server.app.close();
    await database.close();
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(aDir, { recursive: true, force: true });
    fs.rmSync(cDir, { recursive: true, force: true });
  }
}

export const longWorkModule: BenchModule = {
  name: 'long-work',
  description: 'the counter action while an export, a backup, or a bulk apply of a pulled backlog runs',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const recordP99 = ctx.figure('record_action_p99_ms');
    return { ...(await exportAndBackup(ctx, recordP99)), ...(await bulkApply(ctx, recordP99)) };
  },
};
