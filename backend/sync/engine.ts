/**
 * The workstation's sync engine: pushes this device's events the server has not acknowledged, pulls the
 * office's events after a server cursor and applies them, in a background loop with exponential backoff.
 *
 * What keeps it from losing or doubling a record:
 * - Push is idempotent on the server (event id). An answer lost on the way back (cut connection, app closed)
 *   only means the batch is sent again and acknowledged again with the same server sequence numbers.
 * - A pulled page is applied in ONE transaction together with the new cursor: after a crash either both
 *   happened or neither did, and the page is fetched again.
 * - Every answer carries the server epoch. A different epoch (the server database was replaced or restored
 *   and the admin rotated the epoch), a cursor the server does not recognise (restored without rotating) or
 *   a per-device sequence gap (the server lacks some of this device's events) makes the engine forget what
 *   the server acknowledged, send everything again (own events, and received events the server does not
 *   confirm) and pull everything again. All idempotent.
 * - Reads go through Kysely, whose connection mutex waits for a handler's open transaction: the engine
 *   never sends an event that a rolled-back transaction wrote.
 *
 * Clock drift: a pulled event stamped more than the HLC's drift bound ahead of this PC's clock is not applied.
 * If the event is within the bound of the *server's* clock, this PC's clock is the one that is wrong: the
 * whole page is refused (nothing applied, cursor unchanged, the events stay on the server) and the status
 * asks to fix the clock. If the event is ahead of the server's clock too, its author's clock was wrong:
 * that event is kept in `sync_held_events` (not lost, not applied), the rest of the page is applied, and the
 * held event is applied by a later cycle once real time has come within the bound.
 */
import os from 'node:os';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { KeyObject } from 'node:crypto';
import { type Exec } from '../../db/event-store';
import { applyPage } from '../../db/bulk-apply';
import { redactPending } from '../../db/erasure';
import { afterErasure } from '../privacy';
import { ownedConnection, ownedTransaction } from '../../db/prepared';
import type Database from 'better-sqlite3';
import { ENVELOPE_COLUMNS, fromEnvelopeRow, fromWire, toWire, type EnvelopeRowIn } from '../../domain/events/codec';
import { SERVER_DEVICE_ID } from '../../domain/events/device-events';
import { ClockDriftError, parseHlc } from '../../domain/events/hlc';
import { payloadLimitsAndText } from '../../domain/events/limits';
import type { StoredEvent } from '../../domain/events/schema';
import { LEGACY_PULL_LIMIT, LEGACY_PUSH_EVENTS, MAX_PULL_LIMIT, MAX_PUSH_EVENTS, MAX_WAIT_MS, type PulledEvent, type PullResponse, type PushRequest, type PushResponse, type WireEvent } from '../../contract/sync-protocol';
import { publicKeyFrom } from '../../trust/ed25519';
import { verifyEventSignatures, type SignatureVerdict } from '../../trust/events';
import { signBacklog } from '../device-trust';
import { AppError } from '../../contract/result';
import type { AppContext } from '../context';
import { log } from '../log';
import { clockBehindMessage, clockWarning, heldWarning, historyProgress, quarantineWarning, refusedMessage, rejectedMessage, REVOKED_MESSAGE, serverErrorMessage, SYNC_MESSAGES } from './messages';
import { isEnrolled, readSyncState, syncDb, syncTx, writeSyncState, type LastError, type SyncDB, type SyncState } from './state';
import { HttpTransport, SyncTransportError, type EncodedBody, type SyncTransport } from './transport';


/** The status reports at most this many pending events exactly; more shows as "lebih dari". */
export const PENDING_COUNT_CAP = 10_000;
/**
 * Events per slice of a pulled page (ADR 0040): a counter action that arrives while a page is applied waits
 * for at most one slice (~500 events: ~15 ms at the bulk path's 35,000 events/s), not the whole page.
 */
export const APPLY_SLICE_EVENTS = 500;
/**
 * The apply time a slice aims at (ADR 0044): long enough that a slice's fixed costs (its commit, the
 * aggregates it loads and writes again) are small beside its events, short enough that a counter action
 * arriving meanwhile does not notice the wait.
 */
export const APPLY_SLICE_MS = 40;
/** The smallest adaptive slice: a slow moment (another program, a busy disk) never makes slices tiny. */
export const APPLY_SLICE_MIN_EVENTS = 200;
/** Longest a kiosk waits for the server's answer to a survey claim before it takes the answer offline. */
export const SURVEY_CLAIM_TIMEOUT_MS = 4_000;
export interface SyncTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers, unref'd: a pending sync never keeps the process alive. */
export const realTimer: SyncTimer = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SyncOptions {
  transport?: SyncTransport;
  timer?: SyncTimer;
  /** Random source for backoff jitter (tests pass a fixed one). */
  random?: () => number;
  /** Pause between cycles when all is well. */
  intervalMs?: number;
  /** First retry delay after a failure; doubles per consecutive failure up to `backoffMaxMs`. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Delay before the first cycle after start. */
  initialDelayMs?: number;
  pushBatchSize?: number;
  /** Payload characters per push batch (a batch holds at least one event). */
  pushBatchChars?: number;
  /** Events per pulled page at most (default {@link MAX_PULL_LIMIT}); never more than the server accepts. */
  pullLimit?: number;
  /**
   * Events per slice of a pulled page (default {@link APPLY_SLICE_EVENTS}): a page is checked and applied in
   * slices, each applied in its own transaction, with the event loop served between them (ADR 0040).
   */
  applySliceEvents?: number;
  /**
   * The apply time one slice aims at, in ms (default {@link APPLY_SLICE_MS}; 0 = every slice holds
   * `applySliceEvents`, as when that is given): the slice size follows the measured time per event, between
   * {@link APPLY_SLICE_MIN_EVENTS} and a whole page. A counter action waits at most about one slice.
   */
  applySliceMs?: number;
  /** Start the background loop (default true). */
  autoStart?: boolean;
  /**
   * Live sync while the loop runs: push a local commit at once and keep a wait for the office's next events
   * open (GET /v1/wait). Default: on with real timers; off when the caller injects a timer, since a test that
   * drives time by hand must not see cycles it did not start.
   */
  live?: boolean;
}

export type SyncStateName = 'not_enrolled' | 'syncing' | 'online' | 'offline' | 'revoked' | 'error';

export interface SyncStatus {
  enrolled: boolean;
  state: SyncStateName;
  online: boolean;
  serverUrl: string | null;
  officeName: string | null;
  /** The office this workstation's data belongs to, also after its enrollment was removed. */
  boundOfficeName: string | null;
  /** This device's events the server has not acknowledged yet. */
  /** Events not yet acknowledged by the server, counted up to {@link PENDING_COUNT_CAP} + 1. */
  pendingCount: number;
  /** Received events held back because their clock is too far ahead. */
  heldCount: number;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
  lastError: LastError | null;
  clockOffsetMs: number | null;
  clockWarning: string | null;
  heldWarning: string | null;
  quarantinedCount: number;
  quarantineWarning: string | null;
  /** A long history arriving page by page (issue 17): received so far of the office's total. */
  history: { received: number; total: number } | null;
  historyText: string | null;
}

export interface CycleReport {
  pushed: number;
  pulled: number;
  applied: number;
  held: number;
  /** Received events set aside (ADR 0011): refused by the trust checks, or failing to apply. */
  quarantined?: number;
}

/** Warn when the PC's clock is further than this from the server's. */
export const CLOCK_WARNING_MS = 5 * 60_000;

/** How long after a local commit its push starts: a burst of ticks goes out together. */
const PUSH_SOON_MS = 250;

class RestartCycle extends Error {}

class ClockBehindError extends Error {
  constructor(readonly behindMs: number) {
    super('this PC clock is behind the server');
  }
}

const SEED_DEVICE = 'seed';

export class SyncEngine {
  private readonly db: Kysely<SyncDB>;
  private readonly transport: SyncTransport;
  private readonly timer: SyncTimer;
  private readonly random: () => number;
  private readonly o: Required<Omit<SyncOptions, 'transport' | 'timer' | 'random'>>;
  private chain: Promise<unknown> = Promise.resolve();
  private handle: unknown = null;
  private started = false;
  private stopped = false;
  private syncing = false;
  /** Set while a pull has more pages to come (joining an office, back after a long time offline). */
  private history: { received: number; total: number } | null = null;
  private failures = 0;
  /** The largest pull page the server said it accepts (`pageLimit`); until it said so, the legacy limit. */
  private serverPageLimit = LEGACY_PULL_LIMIT;
  /** The largest push batch the server said it accepts (`pushLimit`, at enrollment and in each pull answer). */
  private serverPushLimit = LEGACY_PUSH_EVENTS;
  private abort: AbortController | null = null;
  private nextAttemptAt: number | null = null;
  private lastReport: CycleReport = { pushed: 0, pulled: 0, applied: 0, held: 0 };
  /** Live sync (backend/changes.ts, GET /v1/wait): a local commit is pushed within PUSH_SOON_MS, and while the server is reachable a wait for the office's next events stays open. */
  private unsubscribe: (() => void) | null = null;
  private soonHandle: unknown = null;
  private watching = false;
  private watchAbort: AbortController | null = null;
  /** Events in the next applied slice (adaptive unless `applySliceMs` is 0: `nextSliceEvents`). */
  private sliceEvents: number;

  constructor(
    private readonly app: AppContext,
    opts: SyncOptions = {},
  ) {
    this.db = syncDb(app.db);
    this.transport = opts.transport ?? new HttpTransport();
    this.timer = opts.timer ?? realTimer;
    this.random = opts.random ?? Math.random;
    this.o = {
      intervalMs: opts.intervalMs ?? 15_000,
      backoffBaseMs: opts.backoffBaseMs ?? 2_000,
      backoffMaxMs: opts.backoffMaxMs ?? 5 * 60_000,
      initialDelayMs: opts.initialDelayMs ?? 1_000,
      pushBatchSize: Math.min(opts.pushBatchSize ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS),
      pushBatchChars: opts.pushBatchChars ?? 4 * 1024 * 1024,
      pullLimit: opts.pullLimit ?? MAX_PULL_LIMIT,
      applySliceEvents: Math.max(1, Math.floor(opts.applySliceEvents ?? APPLY_SLICE_EVENTS)),
      applySliceMs: Math.max(0, opts.applySliceMs ?? (opts.applySliceEvents !== undefined ? 0 : APPLY_SLICE_MS)),
      autoStart: opts.autoStart ?? true,
      live: opts.live ?? opts.timer === undefined,
    };
    this.sliceEvents = this.o.applySliceEvents;
  }

  // ---- loop -----------------------------------------------------------------------------------------

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    // A change made here reaches the other workstations at once, not at the next interval.
    if (this.o.live) {
      this.unsubscribe = this.app.changes.subscribe((n) => {
        if (n.origin === 'local') this.soon();
      });
    }
    this.schedule(this.o.initialDelayMs);
  }

  /** A cycle shortly (several local commits in a row share one). */
  private soon(): void {
    if (!this.started || this.stopped || this.soonHandle !== null) return;
    this.soonHandle = this.timer.set(() => {
      this.soonHandle = null;
      void this.syncNow();
    }, PUSH_SOON_MS);
  }

  /**
   * Keeps one wait (GET /v1/wait) open for the office's next events and runs a cycle when they come. Started
   * after each successful cycle; ends on any failure (the interval loop, with its backoff, goes on and starts
   * it again after its next success) and when the engine stops.
   */
  private watch(): void {
    const wait = this.transport.wait?.bind(this.transport);
    if (!wait || !this.o.live || this.watching || !this.started || this.stopped) return;
    this.watching = true;
    const abort = new AbortController();
    this.watchAbort = abort;
    void (async () => {
      try {
        while (!this.stopped && !abort.signal.aborted) {
          const s = await readSyncState(this.db);
          if (!isEnrolled(s) || s.revoked || s.failing || !s.serverUrl || !s.deviceToken) return;
          const res = await wait(s.serverUrl, s.deviceToken, { after: s.cursor, timeoutMs: MAX_WAIT_MS }, abort.signal);
          if (res.head > s.cursor && !this.stopped) await this.syncNow();
        }
      } catch (err) {
        if (!abort.signal.aborted) log.info('sync_wait_ended', { detail: err instanceof Error ? err.message : String(err) });
      } finally {
        this.watching = false;
        if (this.watchAbort === abort) this.watchAbort = null;
      }
    })();
  }

  /** Stops the loop, aborts a request in flight and waits for the running cycle to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    if (this.soonHandle !== null) this.timer.clear(this.soonHandle);
    this.soonHandle = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.watchAbort?.abort();
    this.nextAttemptAt = null;
    this.abort?.abort();
    await this.chain;
  }

  private schedule(ms: number): void {
    if (this.stopped || !this.started) return;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.nextAttemptAt = this.app.now() + ms;
    this.handle = this.timer.set(() => {
      this.handle = null;
      void this.enqueue().then(() => this.schedule(this.nextDelay()));
    }, ms);
  }

  /** Exponential backoff with jitter after failures; the normal interval otherwise. */
  nextDelay(): number {
    if (this.failures === 0) return this.o.intervalMs;
    const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(this.failures - 1, 30));
    // "Equal jitter": half fixed, half random, so many PCs coming back at once do not retry in lockstep.
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private enqueue(): Promise<void> {
    const run = this.chain.then(() => this.cycle());
    this.chain = run;
    return run;
  }

  /** Runs a full cycle now (after the one in progress, if any) and reschedules the loop. */
  async syncNow(): Promise<CycleReport> {
    await this.enqueue();
    if (this.started && !this.stopped) this.schedule(this.nextDelay());
    return this.lastReport;
  }

  /**
   * Only the push half of a cycle: sends this device's unacknowledged events and returns how many were new
   * to the server. Errors are thrown, not recorded (the bench and diagnostics use it; the loop does not).
   */
  async pushPending(): Promise<number> {
    const report: CycleReport = { pushed: 0, pulled: 0, applied: 0, held: 0 };
    const run = this.chain.then(() => this.pushOwn(report, new AbortController().signal));
    this.chain = run.catch(() => undefined);
    await run;
    return report.pushed;
  }

  /** Waits for the cycle in progress, if any. */
  async idle(): Promise<void> {
    await this.chain;
  }

  // ---- status ---------------------------------------------------------------------------------------

  async status(): Promise<SyncStatus> {
    const s = await readSyncState(this.db);
    // Capped: the top bar asks every few seconds, and a PC that has never synced may hold a million
    // pending events, which an exact count would walk in full each time.
    const pending = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE is_local = 1 AND server_seq IS NULL LIMIT ${PENDING_COUNT_CAP + 1})`
      .execute(this.db)
      .then((r) => r.rows[0]!);
    const held = await this.db.selectFrom('sync_held_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const quarantined = Number((await this.db.selectFrom('sync_quarantine').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const enrolled = isEnrolled(s);
    const failing = s.failing && s.lastError !== null;
    let state: SyncStateName;
    if (!enrolled) state = 'not_enrolled';
    else if (s.revoked) state = 'revoked';
    else if (this.syncing) state = 'syncing';
    else if (failing) state = s.lastError!.code === 'offline' || s.lastError!.code === 'server_error' ? 'offline' : 'error';
    else if (s.lastSuccessAt !== null) state = 'online';
    else state = 'offline';
    const heldCount = Number(held.n);
    return {
      enrolled,
      state,
      online: enrolled && !s.revoked && !failing && s.lastSuccessAt !== null,
      serverUrl: s.serverUrl,
      officeName: s.officeName,
      boundOfficeName: s.boundOfficeName,
      pendingCount: Number(pending.n),
      heldCount,
      lastSuccessAt: s.lastSuccessAt,
      lastAttemptAt: s.lastAttemptAt,
      nextAttemptAt: enrolled ? this.nextAttemptAt : null,
      lastError: s.lastError,
      clockOffsetMs: s.clockOffsetMs,
      clockWarning: s.clockOffsetMs !== null && Math.abs(s.clockOffsetMs) > CLOCK_WARNING_MS ? clockWarning(s.clockOffsetMs) : null,
      heldWarning: heldCount > 0 ? heldWarning(heldCount) : null,
      quarantinedCount: quarantined,
      quarantineWarning: quarantined > 0 ? quarantineWarning(quarantined) : null,
      history: this.history,
      historyText: this.history ? historyProgress(this.history.received, this.history.total) : null,
    };
  }

  // ---- enrollment -----------------------------------------------------------------------------------

  /**
   * Trades a one-time code for this device's credential. The credential is stored in the workstation
   * database and never returned. Everything the server acknowledged before is forgotten, so the first
   * cycle sends all of this PC's data under the new credential (idempotent) and pulls the office's data.
   */
  async enroll(serverUrlInput: string, code: string, deviceName?: string): Promise<void> {
    const serverUrl = normalizeServerUrl(serverUrlInput);
    await this.idle(); // a cycle still running under the old credential finishes first
    const before = await readSyncState(this.db);
    if (isEnrolled(before) && !before.revoked) {
      throw new AppError('invalid_state', `Komputer ini sudah terdaftar pada ${before.officeName ?? 'server pusat'}. Lepaskan pendaftaran terlebih dahulu.`);
    }
    // A device whose enrollment was revoked signs with a new key from now on: the old one is not trusted
    // any more (ADR 0011). Its events the server never acknowledged are signed again with the new key.
    const rotated = isEnrolled(before) && before.revoked;
    if (rotated) this.app.trust.rotate();
    let res;
    try {
      res = await this.transport.enroll(serverUrl, {
        code: code.trim(),
        deviceId: this.app.deviceId,
        deviceName: (deviceName?.trim() || os.hostname() || 'Workstation').slice(0, 100),
        appVersion: this.app.appVersion,
        publicKey: this.app.trust.key.publicKey,
      });
    } catch (err) {
      if (err instanceof SyncTransportError) {
        switch (err.kind) {
          case 'enrollment_refused':
            throw new AppError('invalid_input', 'Kode pendaftaran tidak valid, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru kepada admin server.', [
              { path: 'code', message: 'Kode pendaftaran tidak diterima server.' },
            ]);
          case 'network':
            throw new AppError('invalid_input', 'Server pusat tidak dapat dihubungi. Periksa alamat server dan jaringan, lalu coba lagi.', [
              { path: 'serverUrl', message: 'Server tidak dapat dihubungi pada alamat ini.' },
            ]);
          case 'protocol':
            throw new AppError('invalid_input', 'Alamat tersebut tidak menjawab sebagai server sinkronisasi LPSE Counter.', [
              { path: 'serverUrl', message: 'Bukan alamat server sinkronisasi.' },
            ]);
          case 'server':
            throw new AppError('throttled', err.details.status === 429 ? 'Terlalu banyak percobaan pendaftaran. Tunggu beberapa menit lalu coba lagi.' : serverErrorMessage(err.details.status));
          case 'outdated':
            throw new AppError('invalid_input', err.message);
          default:
            throw new AppError('invalid_input', rejectedMessage(err.message));
        }
      }
      throw err;
    }
    this.serverPushLimit = res.pushLimit ?? LEGACY_PUSH_EVENTS;
    if (before.boundOfficeId !== null && before.boundOfficeId !== res.office.id) {
      log.warn('sync_enroll_other_office_refused', { office: res.office.id });
      throw new AppError(
        'conflict',
        `Data di komputer ini milik ${before.boundOfficeName ?? 'kantor lain'}, sedangkan kode ini untuk ${res.office.name}. Data dua kantor tidak boleh dicampur; gunakan kode untuk ${before.boundOfficeName ?? 'kantor semula'}.`,
      );
    }
    const now = this.app.now();
    await this.app.db.transaction().execute(async (tx) => {
      await sql`UPDATE events SET server_seq = NULL WHERE server_seq IS NOT NULL`.execute(tx);
      await writeSyncState(syncTx(tx), {
        serverUrl,
        deviceToken: res.deviceToken,
        serverDeviceId: res.serverDeviceId,
        officeId: res.office.id,
        officeName: res.office.name,
        boundOfficeId: res.office.id,
        boundOfficeName: res.office.name,
        enrolledAt: now,
        epoch: res.epoch,
        cursor: 0,
        cursorId: null,
        revoked: false,
        resendRemote: true,
        lastError: null,
        failing: false,
        clockOffsetMs: res.serverTime - now,
        serverKeyId: res.serverKey?.keyId ?? null,
        serverPublicKey: res.serverKey?.publicKey ?? null,
        registeredKeyId: res.serverKey ? this.app.trust.key.keyId : null,
      });
    });
    // Events written before this PC had a key (or, after a rotation, not yet acknowledged) are signed now.
    const signed = await signBacklog(this.app.db, this.app.trust, { resignPending: rotated });
    if (signed > 0) log.info('sync_backlog_signed', { events: signed });
    this.failures = 0;
    this.app.changes.signal('sync');
    log.info('sync_enrolled', { office: res.office.id, serverDevice: res.serverDeviceId });
    if (this.started && !this.stopped) this.schedule(0);
  }

  /** Removes this workstation's enrollment (credential, cursor). Its data and its office binding stay. */
  async forget(): Promise<void> {
    await this.idle();
    await this.app.db.transaction().execute(async (tx) => {
      await sql`UPDATE events SET server_seq = NULL WHERE server_seq IS NOT NULL`.execute(tx);
      await writeSyncState(syncTx(tx), {
        serverUrl: null,
        deviceToken: null,
        serverDeviceId: null,
        officeId: null,
        officeName: null,
        enrolledAt: null,
        epoch: null,
        cursor: 0,
        cursorId: null,
        revoked: false,
        resendRemote: false,
        lastError: null,
        failing: false,
        lastSuccessAt: null,
        clockOffsetMs: null,
        registeredKeyId: null,
      });
    });
    this.failures = 0;
    this.watchAbort?.abort();
    this.app.changes.signal('sync');
    log.info('sync_forgotten');
  }

  // ---- one cycle ------------------------------------------------------------------------------------

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    const state = await readSyncState(this.db);
    if (!isEnrolled(state)) {
      this.failures = 0;
      return;
    }
    this.syncing = true;
    this.abort = new AbortController();
    const report: CycleReport = { pushed: 0, pulled: 0, applied: 0, held: 0 };
    await writeSyncState(this.db, { lastAttemptAt: this.app.now() });
    this.app.changes.signal('sync');
    let succeeded = false;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.exchange(report, this.abort.signal);
          break;
        } catch (err) {
          // After a reset (new epoch, unknown cursor) start over once or twice, then report.
          if (err instanceof RestartCycle && attempt < 3) continue;
          throw err;
        }
      }
      this.failures = 0;
      await writeSyncState(this.db, { lastSuccessAt: this.app.now(), revoked: false, failing: false });
      succeeded = true;
    } catch (err) {
      if (this.stopped) return;
      this.failures += 1;
      const lastError = this.describe(err);
      const patch: Partial<SyncState> = { lastError, failing: true };
      if (err instanceof SyncTransportError && err.kind === 'unauthorized') patch.revoked = true;
      await writeSyncState(this.db, patch);
      log.warn('sync_failed', { code: lastError.code, kind: err instanceof SyncTransportError ? err.kind : 'local', detail: err instanceof Error ? err.message : String(err) });
    } finally {
      this.syncing = false;
      this.history = null;
      this.abort = null;
      this.lastReport = report;
      this.app.changes.signal('sync');
    }
    if (succeeded) this.watch();
  }

  private describe(err: unknown): LastError {
    const at = this.app.now();
    if (err instanceof ClockBehindError) return { code: 'clock_behind', message: clockBehindMessage(err.behindMs), at };
    if (err instanceof SyncTransportError) {
      switch (err.kind) {
        case 'network':
          return { code: 'offline', message: SYNC_MESSAGES.offline, at };
        case 'server':
          return { code: 'server_error', message: serverErrorMessage(err.details.status), at };
        case 'unauthorized':
          return { code: 'revoked', message: REVOKED_MESSAGE, at };
        case 'protocol':
          return { code: 'protocol', message: SYNC_MESSAGES.protocol, at };
        case 'sequence_gap':
        case 'cursor_unknown':
        case 'enrollment_refused':
        case 'rejected':
          return { code: 'rejected', message: rejectedMessage(err.message), at };
        case 'event_refused':
          return { code: 'refused', message: refusedMessage(err.message), at };
        case 'clock_ahead':
          return { code: 'clock_ahead', message: SYNC_MESSAGES.clock_ahead, at };
        case 'key_conflict':
          return { code: 'key_conflict', message: SYNC_MESSAGES.key_conflict, at };
        case 'outdated':
          return { code: 'server_outdated', message: SYNC_MESSAGES.server_outdated, at };
        default: {
          const _never: never = err.kind;
          return _never;
        }
      }
    }
    return { code: 'internal', message: SYNC_MESSAGES.internal, at };
  }

  private async exchange(report: CycleReport, signal: AbortSignal): Promise<void> {
    await this.ensureTrust(signal);
    await this.pushOwn(report, signal);
    await this.pullAll(report, signal);
    const s = await readSyncState(this.db);
    if (s.resendRemote) await this.resendReceived(report, signal);
    await this.releaseHeld(report);
  }

  /**
   * Takes a survey response id at the server before this PC's kiosk accepts an answer (docs/adr/0010 §6):
   * 'used' when the code was already answered on a phone (or at another PC's online kiosk). Not enrolled,
   * or the server out of reach within a few seconds: 'offline', and the kiosk takes the answer anyway (the
   * fold keeps the first response in fold order on every PC).
   */
  async claimSurveyResponse(responseId: string): Promise<'claimed' | 'used' | 'offline'> {
    const s = await readSyncState(this.db);
    if (!s.serverUrl || !s.deviceToken || s.revoked || !this.transport.claimSurveyResponse) return 'offline';
    try {
      const r = await this.transport.claimSurveyResponse(s.serverUrl, s.deviceToken, { responseId }, AbortSignal.timeout(SURVEY_CLAIM_TIMEOUT_MS));
      return r.claimed ? 'claimed' : 'used';
    } catch (err) {
      log.info('survey_claim_unreachable', { error: err instanceof Error ? err.message : String(err) });
      return 'offline';
    }
  }

  private async credentials(): Promise<{ url: string; token: string; s: SyncState }> {
    const s = await readSyncState(this.db);
    if (!s.serverUrl || !s.deviceToken) throw new RestartCycle('enrollment removed during the cycle');
    return { url: s.serverUrl, token: s.deviceToken, s };
  }

  /**
   * Knows the server's key and has this device's key registered (ADR 0011, the upgrade rule): a PC enrolled
   * by an older app registers its key now, with its token, and signs its unsigned events.
   */
  private async ensureTrust(signal: AbortSignal): Promise<void> {
    const s = await readSyncState(this.db);
    if (s.serverPublicKey && s.registeredKeyId === this.app.trust.key.keyId) return;
    const { url, token } = await this.credentials();
    const session = await this.transport.session(url, token, signal);
    if (!session.serverKey) throw new SyncTransportError('outdated', 'the server does not sign (protocol 1)');
    await writeSyncState(this.db, { serverKeyId: session.serverKey.keyId, serverPublicKey: session.serverKey.publicKey });
    let keyId = session.deviceKeyId ?? null;
    if (keyId === null) {
      const r = await this.transport.registerKey(url, token, this.app.trust.key.publicKey, signal);
      keyId = r.keyId;
      log.info('sync_device_key_registered', { keyId });
    }
    if (keyId !== this.app.trust.key.keyId) throw new SyncTransportError('key_conflict', 'the server knows another key for this device');
    await writeSyncState(this.db, { registeredKeyId: keyId });
    const signed = await signBacklog(this.app.db, this.app.trust);
    if (signed > 0) log.info('sync_backlog_signed', { events: signed });
  }

  /** A different epoch: the server's database is not the one this PC synced with. Start over. */
  private async checkEpoch(epoch: string, serverTime: number): Promise<void> {
    const s = await readSyncState(this.db);
    const offset = serverTime - this.app.now();
    if (s.epoch === epoch) {
      if (s.clockOffsetMs === null || Math.abs(s.clockOffsetMs - offset) > 1000) await writeSyncState(this.db, { clockOffsetMs: offset });
      return;
    }
    log.warn('sync_epoch_changed', { from: s.epoch ?? '', to: epoch });
    await this.resetAcknowledgements(epoch);
    throw new RestartCycle('server epoch changed');
  }

  /** Forgets every acknowledgement and the cursor: everything is sent and pulled again. */
  private async resetAcknowledgements(epoch: string | null): Promise<void> {
    await this.app.db.transaction().execute(async (tx) => {
      await sql`UPDATE events SET server_seq = NULL WHERE server_seq IS NOT NULL`.execute(tx);
      const patch: Partial<SyncState> = { cursor: 0, cursorId: null, resendRemote: true };
      if (epoch !== null) patch.epoch = epoch;
      await writeSyncState(syncTx(tx), patch);
    });
  }

  /**
   * Sends this device's unacknowledged events in order, batch by batch. Pipelined (ADR 0039): while the
   * server handles batch n, batch n + 1 is read (the own events after n's last one, its sequence number
   * counted on from n's) and serialised and compressed. It is sent only if n's answer left the log where the
   * read ahead assumed it (its first event is then the first unacknowledged one, and nothing else was
   * acknowledged or un-acknowledged meanwhile); otherwise it is dropped and the batch is read again as
   * before. A refusal, a gap or a lost answer for n drops it too: nothing is ever sent before the answer to
   * the batch in front of it, so acknowledgements and per-device numbers keep their order.
   */
  private async pushOwn(report: CycleReport, signal: AbortSignal): Promise<void> {
    let gaps = 0;
    let previousFirst: number | null = null;
    /** The last batch's first event and how many of this device's events came before it. */
    let counted: { seq: number; rank: number } | null = null;
    let ahead: Promise<ReadAhead> | null = null;
    for (;;) {
      const limit = Math.min(this.o.pushBatchSize, this.serverPushLimit);
      let cur: PreparedPush | null = null;
      if (ahead) {
        const spec = await ahead;
        ahead = null;
        const first = await ownedConnection(this.app.db, this.app.sqlite, async () => pushStatementsOf(this.app.sqlite).first.get());
        if (spec === 'none' && first === undefined) return;
        if (spec !== 'none' && spec !== 'stale' && spec.limit === limit && spec.first === first) cur = spec;
      }
      if (!cur) {
        // One held connection (Kysely's mutex: never a handler's uncommitted rows), three prepared statements.
        const read = await ownedConnection(this.app.db, this.app.sqlite, async () => readPushBatch(this.app.sqlite, counted, limit));
        if (!read) return;
        // Normally signed when recorded; one written before this PC had a key is signed here (once, in order).
        if (read.rows.some((r) => r[B_SIGNATURE] === null)) {
          // An answer that acknowledged nothing would make this loop forever: stop the cycle instead.
          if (read.first === previousFirst) throw new SyncTransportError('protocol', 'the server did not acknowledge the batch it accepted');
          await signBacklog(this.app.db, this.app.trust);
          previousFirst = null;
          continue;
        }
        cur = this.preparePush(read, limit, false);
      }
      const { first, rank } = cur;
      // An answer that acknowledged nothing would make this loop forever: stop the cycle instead.
      if (first === previousFirst) throw new SyncTransportError('protocol', 'the server did not acknowledge the batch it accepted');
      previousFirst = first;
      counted = { seq: first, rank };
      const { url, token } = await this.credentials();
      const sending = this.sendPush(url, token, cur, signal);
      // Batch n + 1, read and encoded while the server handles this one (never rejects: 'stale' on failure).
      ahead = this.readAhead(cur, limit);
      let res;
      try {
        res = await sending;
      } catch (err) {
        await ahead;
        ahead = null;
        if (err instanceof SyncTransportError && err.kind === 'sequence_gap' && err.details.expectedDeviceSeq && gaps++ < 3) {
          log.warn('sync_sequence_gap', { expected: err.details.expectedDeviceSeq, sent: rank + 1 });
          await this.resetOwnFrom(err.details.expectedDeviceSeq);
          previousFirst = null;
          counted = null;
          continue;
        }
        throw await this.classify(err);
      }
      try {
        await this.checkEpoch(res.epoch, res.serverTime);
        await this.markAcknowledged(res.acks);
      } catch (err) {
        await ahead;
        throw err;
      }
      report.pushed += res.accepted;
    }
  }

  /** A batch read from the log, trimmed to the size limit, its body being encoded when the transport can. */
  private preparePush(read: { first: number; rank: number; rows: BatchRow[] }, limit: number, quiet: boolean): PreparedPush {
    const batch = this.trimBatch(read.rows);
    const req = { firstDeviceSeq: read.rank + 1, events: batch.map(wireOfBatchRow) };
    const encode = this.transport.encodePush && this.transport.pushEncoded ? this.transport.encodePush(req) : null;
    // A read ahead that is dropped must not leave a rejected promise behind.
    if (encode && quiet) encode.catch(() => undefined);
    return { first: read.first, rank: read.rank, limit, last: batch[batch.length - 1]![0], size: batch.length, req, encoded: encode };
  }

  private sendPush(url: string, token: string, p: PreparedPush, signal: AbortSignal): Promise<PushResponse> {
    if (p.encoded && this.transport.pushEncoded) {
      const send = this.transport.pushEncoded.bind(this.transport);
      return p.encoded.then((body) => send(url, token, body, signal));
    }
    return this.transport.push(url, token, p.req, signal);
  }

  /**
   * The batch after `cur`, assuming the server accepts all of `cur`: the own events after its last one, the
   * first of them numbered right after it. 'none' when there are none, 'stale' when it cannot be prepared
   * ahead (an unsigned event, a read or encoding failure): the loop then reads it again in order.
   */
  private async readAhead(cur: PreparedPush, limit: number): Promise<ReadAhead> {
    try {
      const rows = await ownedConnection(this.app.db, this.app.sqlite, async () => pushStatementsOf(this.app.sqlite).batch.all(cur.last + 1, limit));
      if (rows.length === 0) return 'none';
      if (rows.some((r) => r[B_SIGNATURE] === null)) return 'stale';
      const next = this.preparePush({ first: rows[0]![0], rank: cur.rank + cur.size, rows }, limit, true);
      if (next.encoded) await next.encoded;
      return next;
    } catch (err) {
      log.warn('sync_push_read_ahead_failed', { error: err instanceof Error ? err.message : String(err) });
      return 'stale';
    }
  }

  /** The server's per-device sequence expects `expected` next: un-acknowledge this device's events from there. */
  private async resetOwnFrom(expected: number): Promise<void> {
    const row = await this.db
      .selectFrom('events')
      .select('seq')
      .where('is_local', '=', 1)
      .orderBy('seq')
      .limit(1)
      .offset(expected - 1)
      .executeTakeFirst();
    if (!row) return;
    await this.db.updateTable('events').set({ server_seq: null }).where('is_local', '=', 1).where('seq', '>=', row.seq).execute();
  }

  /** Errors that say "the server is not the one you synced with" reset and restart; others pass through. */
  private async classify(err: unknown): Promise<unknown> {
    if (err instanceof SyncTransportError && err.kind === 'cursor_unknown') {
      log.warn('sync_cursor_unknown');
      await this.resetAcknowledgements(err.details.epoch ?? null);
      return new RestartCycle('server does not know the cursor');
    }
    return err;
  }

  private trimBatch<T extends { payload: string } | BatchRow>(rows: T[]): T[] {
    let chars = 0;
    let n = 0;
    for (const r of rows) {
      chars += Array.isArray(r) ? r[B_PAYLOAD].length : r.payload.length;
      if (n > 0 && chars > this.o.pushBatchChars) break;
      n++;
    }
    return rows.slice(0, n);
  }

  private async markAcknowledged(acks: readonly { id: string; serverSeq: number }[]): Promise<void> {
    if (acks.length === 0) return;
    const json = JSON.stringify(acks.map((a) => [a.id, a.serverSeq]));
    await sql`UPDATE events SET server_seq = json_extract(j.value, '$[1]')
              FROM json_each(${json}) AS j
              WHERE events.id = json_extract(j.value, '$[0]')`.execute(this.db);
    await this.finishPendingErasures();
  }

  /**
   * Own events an erasure left in their signed form until the server had them (db/erasure.ts): once
   * acknowledged they are redacted here too (the server redacted its copy on arrival). One look at a
   * table that is empty unless an erasure is waiting.
   */
  private async finishPendingErasures(): Promise<void> {
    const waiting = await this.db.selectFrom('erasure_applied').select('erasure_id').where('pending', '>', 0).limit(1).executeTakeFirst();
    if (!waiting) return;
    const out = await this.app.db.transaction().execute((tx) => redactPending(tx, this.app.now()));
    if (!out) return;
    this.app.changes.announce(out.refolded, 'sync');
    afterErasure(this.app);
  }

  private async pullAll(report: CycleReport, signal: AbortSignal): Promise<void> {
    /**
     * The next page, asked for while this one is applied (a long history arrives in a pipeline: the server
     * reads and sends page n+1 while this PC checks and applies page n). Used only when the cursor ended
     * where it was asked from; otherwise dropped and asked again.
     */
    let ahead: { after: number; afterId: string; res: Promise<PullResponse> } | null = null;
    for (;;) {
      const { url, token, s } = await this.credentials();
      const limit = Math.min(this.o.pullLimit, this.serverPageLimit);
      let res: PullResponse;
      try {
        res = ahead && ahead.after === s.cursor && ahead.afterId === s.cursorId ? await ahead.res : await this.transport.pull(url, token, { after: s.cursor, afterId: s.cursorId, limit }, signal);
      } catch (err) {
        throw await this.classify(err);
      } finally {
        ahead = null;
      }
      this.serverPageLimit = res.pageLimit ?? LEGACY_PULL_LIMIT;
      this.serverPushLimit = res.pushLimit ?? LEGACY_PUSH_EVENTS;
      await this.checkEpoch(res.epoch, res.serverTime);
      if (res.events.length === 0) return;
      // Progress of a long history (issue 17): each page is its own transaction, so the counter keeps
      // working between pages; the top bar shows how far the history has come.
      const pageHead = res.events.reduce((m, e) => Math.max(m, e.serverSeq), s.cursor);
      this.history = res.more && res.head !== undefined ? { received: pageHead, total: Math.max(res.head, pageHead) } : null;
      if (res.more && pageHead > s.cursor) {
        const tail = res.events.find((e) => e.serverSeq === pageHead)!;
        const next = this.transport.pull(url, token, { after: tail.serverSeq, afterId: tail.id, limit: Math.min(this.o.pullLimit, this.serverPageLimit) }, signal);
        next.catch(() => undefined); // an answer never used (the cycle failed or stopped) is dropped quietly
        ahead = { after: tail.serverSeq, afterId: tail.id, res: next };
      }
      await this.ingest(res.events, res.serverTime, s.cursor, report);
      report.pulled += res.events.length;
      if (!res.more) return;
      // A page that did not move the cursor (a stale answer replayed by something in between): the next
      // cycle asks again rather than looping on it now.
      if ((await readSyncState(this.db)).cursor <= s.cursor) return;
    }
  }

  /**
   * Applies one pulled page and moves the cursor. Before anything is applied, each new event is checked
   * (ADR 0011): payload within the shared limits, signed by a current key of its author (or by the server),
   * not signed with a key revoked before the server sequenced it. An event that fails is set aside in
   * `sync_quarantine` with its reason, and so is one that fails while being applied; the rest of the page is
   * applied all the same. Nothing is lost and nothing stalls the office.
   *
   * The page is checked and applied in slices (ADR 0040), each slice applied in its own transaction, with the
   * event loop served between them: a counter action that arrives meanwhile waits for one slice, not the page.
   * Only the last slice's transaction moves the cursor, together with the page's bookkeeping (held events,
   * quarantine, own events' sequence numbers). A failure or crash after an earlier slice has committed leaves
   * the cursor where it was: the page is pulled again, the events already stored are skipped (`heldIds`) and
   * the rest is checked and applied as before. The fold gives the same result whatever the slicing (the bulk
   * path in any page size, tests/integration/fold-order.test.ts), so an account event in an early slice judges
   * the later slices' events as it would within one page.
   */
  private async ingest(events: readonly PulledEvent[], serverTime: number, cursor: number, report: CycleReport): Promise<void> {
    const alreadyHeld = await heldIds(this.db, events.map((e) => e.id));
    const fresh = events.filter((e) => !alreadyHeld.has(e.id));
    const { accepted, refused, payloadJson } = await this.checkTrust(fresh);
    const apply: PulledEvent[] = [];
    const hold: PulledEvent[] = [];
    const maxDrift = this.app.hlc.maxDriftMs;
    for (const e of accepted) {
      try {
        this.app.hlc.observe(e.hlc);
        apply.push(e);
      } catch (err) {
        if (!(err instanceof ClockDriftError)) throw err;
        // Ahead of this PC but not of the server: this PC's clock is wrong. Apply nothing of this page.
        if (parseHlc(e.hlc).ms - serverTime <= maxDrift) throw new ClockBehindError(serverTime - this.app.now());
        hold.push(e);
      }
    }
    let last = events[0]!;
    for (const e of events) if (e.serverSeq > last.serverSeq) last = e;
    const now = this.app.now();
    let keysArrived = false;
    let start = 0;
    do {
      if (start > 0) await nextTurn();
      const slice = apply.slice(start, start + this.sliceEvents);
      start += slice.length;
      const final = start >= apply.length;
      const affected = new Map<string, string>();
      const began = performance.now();
      // Held for the whole slice: the fold's prepared statements run directly on the connection (db/prepared.ts).
      const failed = await ownedTransaction(this.app.db, this.app.sqlite, async (tx) => {
        const failedHere = slice.length > 0 ? await applyIsolated(tx, slice, now, report, affected, payloadJson) : [];
        if (!final) return failedHere;
        // The page's bookkeeping, with its last slice and the cursor: all or nothing, as before slicing.
        // Events already here (this device's own, pulled back) get their sequence number now.
        await setServerSeqs(
          tx,
          events.filter((e) => alreadyHeld.has(e.id)),
        );
        if (hold.length > 0) {
          await syncTx(tx)
            .insertInto('sync_held_events')
            .values(hold.map((e) => ({ id: e.id, server_seq: e.serverSeq, event: JSON.stringify(e), reason: 'clock_ahead', held_at: now })))
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
          report.held += hold.length;
          log.warn('sync_events_held', { count: hold.length });
        }
        const setAside = [...refused, ...failedHere];
        if (setAside.length > 0) await quarantine(tx, setAside, now, report);
        // A replayed older page must not move the cursor back.
        if (last.serverSeq > cursor) await writeSyncState(syncTx(tx), { cursor: last.serverSeq, cursorId: last.id });
        return failedHere;
      });
      this.sliceEvents = nextSliceEvents(this.sliceEvents, slice.length, performance.now() - began, this.o.applySliceMs);
      // Events that failed in an earlier slice are quarantined with the page's last slice.
      if (!final) refused.push(...failed);
      if (slice.some((e) => e.type === 'device.key_registered' && !failed.some((f) => f.event.id === e.id))) keysArrived = true;
      // Committed: the screens showing these aggregates refresh (backend/changes.ts), also aggregates folded
      // again because an account event changed a verdict (AppendResult.affected names them too).
      this.app.changes.announce(affected, 'sync');
    } while (start < apply.length);
    if (keysArrived) await this.retryUnknownKeys(report);
  }

  /**
   * The trust checks of pulled events that are new to this PC. Keys come from the office's log itself: the
   * `device_keys` projection plus the server-signed key events of this same page (a device's key is
   * registered before the server takes any of its events, so it precedes them in server order).
   */
  private async checkTrust(events: readonly PulledEvent[]): Promise<{ accepted: PulledEvent[]; refused: Refusal[]; payloadJson: Map<unknown, string> }> {
    // Each payload's JSON, made once for the size check and reused when the event is stored (ADR 0037).
    const payloadJson = new Map<unknown, string>();
    if (events.length === 0) return { accepted: [], refused: [], payloadJson };
    const s = await readSyncState(this.db);
    const serverKey = s.serverPublicKey ? publicKeyFrom(s.serverPublicKey) : null;
    const keys = new Map<string, { deviceId: string; verify: KeyObject; revokedAfterSeq: number | null }>();
    for (const k of await this.db.selectFrom('device_keys').selectAll().execute()) {
      const verify = publicKeyFrom(k.public_key);
      if (verify) keys.set(k.key_id, { deviceId: k.device_id, verify, revokedAfterSeq: k.revoked_after_seq });
    }
    const refused: Refusal[] = [];
    const candidates: PulledEvent[] = [];
    // In slices, the event loop served between them (ADR 0040): a page's checks take longer than a slice's apply.
    const slice = this.o.applySliceEvents;
    for (let i = 0; i < events.length; i++) {
      if (i > 0 && i % slice === 0) await nextTurn();
      const e = events[i]!;
      const { violation: limit, text } = payloadLimitsAndText(e.payload);
      if (limit) refused.push({ event: e, reason: limit.code, detail: limit.message });
      else {
        candidates.push(e);
        if (text !== null && typeof e.payload === 'object' && e.payload !== null) payloadJson.set(e.payload, text);
      }
    }
    // Key events of this page first, each checked against the server's key.
    for (const e of candidates) {
      if (e.deviceId !== SERVER_DEVICE_ID || !serverKey) continue;
      const ok = verifyEventSignatures([e], (_e, keyId) => (keyId === s.serverKeyId ? serverKey : null)).get(e.id)?.ok;
      if (!ok) continue;
      if (e.type === 'device.key_registered') {
        const p = e.payload as { keyId: string; publicKey: string };
        const verify = publicKeyFrom(p.publicKey);
        if (verify && !keys.has(p.keyId)) keys.set(p.keyId, { deviceId: e.aggregateId, verify, revokedAfterSeq: null });
      } else if (e.type === 'device.key_revoked') {
        const p = e.payload as { keyId: string; afterSeq: number };
        const k = keys.get(p.keyId);
        if (k) k.revokedAfterSeq = k.revokedAfterSeq === null ? p.afterSeq : Math.min(k.revokedAfterSeq, p.afterSeq);
      }
    }
    const keyFor: Parameters<typeof verifyEventSignatures>[1] = (e, keyId) => {
      if (keyId === s.serverKeyId) return serverKey; // the server's own events and its attestations
      const k = keys.get(keyId);
      return k && k.deviceId === e.deviceId && e.deviceId !== SERVER_DEVICE_ID ? k.verify : null;
    };
    // Slice by slice from the page's end, each device's hash chain carried from one slice to the next: the
    // verdicts are those of one call over the page (trust/events.ts).
    const chains = new Map<string, string>();
    const verdicts = new Map<string, SignatureVerdict>();
    for (let end = candidates.length; end > 0; end -= slice) {
      if (end < candidates.length) await nextTurn();
      verifyEventSignatures(candidates.slice(Math.max(0, end - slice), end), keyFor, chains, verdicts);
    }
    const accepted: PulledEvent[] = [];
    for (const e of candidates) {
      const v = verdicts.get(e.id)!;
      if (!v.ok) {
        refused.push({ event: e, reason: v.code, detail: null });
        continue;
      }
      const k = keys.get(v.keyId);
      if (k && k.revokedAfterSeq !== null && e.serverSeq > k.revokedAfterSeq) {
        refused.push({ event: e, reason: 'key_revoked', detail: null });
        continue;
      }
      accepted.push(e);
    }
    return { accepted, refused, payloadJson };
  }

  /**
   * Events set aside because their key was not known yet are looked at again once keys arrived (pages
   * delivered out of order by something in between).
   */
  private async retryUnknownKeys(report: CycleReport): Promise<void> {
    const rows = await this.db.selectFrom('sync_quarantine').select(['id', 'event']).where('reason', '=', 'unknown_key').orderBy('server_seq').execute();
    if (rows.length === 0) return;
    const events = rows.map((r) => JSON.parse(r.event) as PulledEvent);
    const { accepted } = await this.checkTrust(events);
    if (accepted.length === 0) return;
    const now = this.app.now();
    const affected = new Map<string, string>();
    await this.app.db.transaction().execute(async (tx) => {
      const failed = await applyIsolated(tx, accepted, now, report, affected);
      const ok = accepted.filter((e) => !failed.some((f) => f.event.id === e.id)).map((e) => e.id);
      if (ok.length) await tx.deleteFrom('sync_quarantine').where('id', 'in', ok).execute();
    });
    this.app.changes.announce(affected, 'sync');
  }

  /** Applies held events whose clock has come within the drift bound. */
  private async releaseHeld(report: CycleReport): Promise<void> {
    const rows = await this.db.selectFrom('sync_held_events').select(['id', 'event']).orderBy('server_seq').execute();
    if (rows.length === 0) return;
    const ready: PulledEvent[] = [];
    for (const r of rows) {
      const e = JSON.parse(r.event) as PulledEvent;
      try {
        this.app.hlc.observe(e.hlc);
        ready.push(e);
      } catch (err) {
        if (!(err instanceof ClockDriftError)) throw err;
      }
    }
    if (ready.length === 0) return;
    const now = this.app.now();
    const affected = new Map<string, string>();
    await this.app.db.transaction().execute(async (tx) => {
      const already = await heldIds(syncTx(tx), ready.map((e) => e.id));
      const failed = await applyIsolated(
        tx,
        ready.filter((e) => !already.has(e.id)),
        now,
        report,
        affected,
      );
      if (failed.length > 0) await quarantine(tx, failed, now, report);
      await setServerSeqs(
        tx,
        ready.filter((e) => already.has(e.id)),
      );
      await syncTx(tx)
        .deleteFrom('sync_held_events')
        .where(
          'id',
          'in',
          ready.map((e) => e.id),
        )
        .execute();
    });
    this.app.changes.announce(affected, 'sync');
    log.info('sync_held_released', { count: ready.length });
  }

  /**
   * After the server lost data: send back received events it does not confirm (their author may be a PC
   * that no longer exists). Runs after a complete pull, so "not confirmed" means "not on the server".
   */
  private async resendReceived(report: CycleReport, signal: AbortSignal): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('events')
        .selectAll()
        .where('is_local', '=', 0)
        .where('server_seq', 'is', null)
        .where('seq', '>', after)
        .where('device_id', '!=', SEED_DEVICE)
        .orderBy('seq')
        .limit(Math.min(this.o.pushBatchSize, this.serverPushLimit))
        .execute();
      if (rows.length === 0) break;
      const batch = this.trimBatch(rows);
      const { url, token } = await this.credentials();
      let res;
      try {
        res = await this.transport.push(url, token, { firstDeviceSeq: null, events: batch.map(wireOf) }, signal);
      } catch (err) {
        throw await this.classify(err);
      }
      await this.checkEpoch(res.epoch, res.serverTime);
      await this.markAcknowledged(res.acks);
      report.pushed += res.accepted;
      // Events the server would not take back (their key was revoked, or is unknown to a restored server)
      // stay here; they are not sent again in this pass.
      if (res.refused?.length) log.warn('sync_resend_refused', { count: res.refused.length });
      after = batch[batch.length - 1]!.seq;
    }
    await writeSyncState(this.db, { resendRemote: false });
  }
}

/**
 * The size of the next applied slice (ADR 0044), after one of `events` events took `ms`: the number that
 * fits `budgetMs` at that pace, at most twice the current size and a whole page, at least
 * {@link APPLY_SLICE_MIN_EVENTS}. Unchanged when the budget is 0 (fixed slices) or the slice was too small to
 * measure a pace (the tail of a page).
 */
export function nextSliceEvents(current: number, events: number, ms: number, budgetMs: number): number {
  if (budgetMs <= 0 || events < APPLY_SLICE_MIN_EVENTS / 2) return current;
  const fit = Math.floor((events * budgetMs) / Math.max(ms, 0.1));
  return Math.max(APPLY_SLICE_MIN_EVENTS, Math.min(MAX_PULL_LIMIT, fit, current * 2));
}

/**
 * Lets the event loop run what arrived meanwhile (a counter action's request, its timer) before the next
 * slice of a page (ADR 0040). Two immediates: one called from the poll phase runs in the same loop turn,
 * before the loop polls again; the second runs after at least one poll, so the I/O that waited is read.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

interface Refusal {
  event: PulledEvent;
  reason: string;
  detail: string | null;
}

/** Which of these events this PC already holds (its own pulled back, a page fetched again). */
async function heldIds(db: Kysely<SyncDB> | Transaction<SyncDB>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // One statement with the ids as one JSON parameter: a page holds up to 5,000 ids, and building IN lists
  // of hundreds of parameters with Kysely cost more than the lookups.
  const rows = await sql<{ id: string }>`SELECT id FROM events WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/**
 * Appends pulled events; if that fails, appends them one by one, each in a savepoint, so that one event
 * that cannot be applied (a bug, a corrupt payload that passed every check) is set aside and the rest of the
 * page is applied. Returns the ones that failed; the aggregates the applied ones changed (re-folded ones
 * included) are added to `affected`, to be announced once the caller's transaction has committed.
 */
async function applyIsolated(
  tx: Transaction<DB>,
  events: readonly PulledEvent[],
  now: number,
  report: CycleReport,
  affected: Map<string, string>,
  payloadJson?: ReadonlyMap<unknown, string>,
): Promise<Refusal[]> {
  // The bulk apply path (db/bulk-apply.ts): the page folds each aggregate once; an event that cannot be
  // applied is isolated in a savepoint and returned, the rest of the page is applied.
  const byId = new Map(events.map((e) => [e.id, e]));
  const res = await applyPage(tx, events.map(toStored), { isLocal: false, now, serverSeqs: new Map(events.map((e) => [e.id, e.serverSeq])), payloadJson });
  if (res.pageError !== undefined) log.warn('sync_page_apply_failed', { error: res.pageError, events: events.length });
  report.applied += res.applied;
  for (const [id, type] of res.affected) affected.set(id, type);
  return res.failed.map((f) => ({ event: byId.get(f.event.id)!, reason: 'apply_failed', detail: f.error }));
}

async function quarantine(tx: Transaction<DB>, refused: readonly Refusal[], now: number, report: CycleReport): Promise<void> {
  for (const r of refused) {
    const e = r.event;
    await syncTx(tx)
      .insertInto('sync_quarantine')
      .values({
        id: e.id,
        server_seq: e.serverSeq,
        device_id: e.deviceId,
        actor_id: e.actorId,
        type: e.type,
        event: eventText(e),
        reason: r.reason,
        detail: r.detail,
        quarantined_at: now,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet({ reason: r.reason, detail: r.detail }))
      .execute();
  }
  report.quarantined = (report.quarantined ?? 0) + refused.length;
  log.warn('sync_events_quarantined', { count: refused.length, reasons: [...new Set(refused.map((r) => r.reason))].join(',') });
}

/** The event as kept in quarantine: whole, or its envelope when its payload cannot even be serialised. */
function eventText(e: PulledEvent): string {
  try {
    return JSON.stringify(e);
  } catch {
    return JSON.stringify({ ...e, payload: null, payloadUnreadable: true });
  }
}

/** Sets the server sequence number of pulled events (also acknowledges this device's own events pulled back). */
async function setServerSeqs(tx: Exec, events: readonly PulledEvent[]): Promise<void> {
  if (events.length === 0) return;
  const json = JSON.stringify(events.map((e) => [e.id, e.serverSeq]));
  await sql`UPDATE events SET server_seq = json_extract(j.value, '$[1]')
            FROM json_each(${json}) AS j
            WHERE events.id = json_extract(j.value, '$[0]') AND events.server_seq IS NULL`.execute(tx);
}

/** A push batch ready to send: where it starts, its request and (when the transport can) its encoded body. */
interface PreparedPush {
  first: number;
  rank: number;
  limit: number;
  /** The `seq` of its last event and how many events it holds (after trimming to the size limit). */
  last: number;
  size: number;
  req: PushRequest;
  encoded: Promise<EncodedBody> | null;
}
type ReadAhead = PreparedPush | 'none' | 'stale';

/**
 * A push batch row as better-sqlite3 returns it in raw mode: `seq`, then the envelope columns in
 * ENVELOPE_COLUMNS order (domain/events/codec.ts). Read positionally, without an object per row.
 */
type BatchRow = [seq: number, id: string, hlc: string, deviceId: string, actorId: string | null, type: string, aggregateType: string, aggregateId: string, payload: string, schemaVersion: number, recordedAt: number, prev: string | null, signature: string | null];
const B_PAYLOAD = 8;
const B_SIGNATURE = 12;

interface PushStatements {
  first: Database.Statement<[], number>;
  before: Database.Statement<[number, number], number>;
  batch: Database.Statement<[number, number], BatchRow>;
}
const pushStatements = new WeakMap<Database.Database, PushStatements>();

function pushStatementsOf(sqlite: Database.Database): PushStatements {
  let st = pushStatements.get(sqlite);
  if (!st) {
    st = {
      // events_unacked (seq) WHERE is_local = 1 AND server_seq IS NULL
      first: sqlite.prepare<[], number>('SELECT seq FROM events WHERE is_local = 1 AND server_seq IS NULL ORDER BY seq LIMIT 1').pluck(),
      // events_local (seq) WHERE is_local = 1
      before: sqlite.prepare<[number, number], number>('SELECT count(*) FROM events WHERE is_local = 1 AND seq >= ? AND seq < ?').pluck(),
      batch: sqlite
        .prepare<[number, number], BatchRow>(`SELECT seq, ${ENVELOPE_COLUMNS.join(', ')} FROM events WHERE is_local = 1 AND seq >= ? ORDER BY seq LIMIT ?`)
        .raw(),
    };
    pushStatements.set(sqlite, st);
  }
  return st;
}

/**
 * The next push batch: the first unacknowledged own event, its per-device sequence number (its rank among
 * this device's events, 1-based, minus one) and up to `limit` own events from it. The count runs from the
 * previous batch's first event when there is one, so a first push of a large backlog does not count the
 * whole log again for every batch. Null when nothing is waiting. Runs on a held connection.
 */
function readPushBatch(sqlite: Database.Database, counted: { seq: number; rank: number } | null, limit: number): { first: number; rank: number; rows: BatchRow[] } | null {
  const st = pushStatementsOf(sqlite);
  const first = st.first.get();
  if (first === undefined) return null;
  const from = counted && counted.seq <= first ? counted : null;
  const rank = (from ? from.rank : 0) + (st.before.get(from ? from.seq : 0, first) ?? 0);
  return { first, rank, rows: st.batch.all(first, limit) };
}

/** A batch row on the wire: the same object (and key order) as toWire(fromEnvelopeRow(row)). */
function wireOfBatchRow(r: BatchRow): WireEvent {
  return {
    id: r[1],
    hlc: r[2],
    deviceId: r[3],
    actorId: r[4],
    type: r[5],
    aggregateType: r[6],
    aggregateId: r[7],
    payload: JSON.parse(r[B_PAYLOAD]) as WireEvent['payload'],
    schemaVersion: Number(r[9]),
    recordedAt: Number(r[10]),
    prev: r[11],
    signature: r[B_SIGNATURE],
  };
}

function wireOf(r: EnvelopeRowIn): WireEvent {
  return toWire(fromEnvelopeRow(r)) as WireEvent;
}

function toStored(e: PulledEvent): StoredEvent {
  return fromWire(e);
}

/**
 * `https://sync.example.go.id/` → `https://sync.example.go.id`; refuses anything but http(s). An address
 * typed without a scheme means https://; one typed after a scheme already in the field
 * ("https://http://10.0.0.5:8787") keeps the scheme typed last, so the server is not looked up at a host
 * named "http".
 */
export function normalizeServerUrl(input: string): string {
  let text = input.trim();
  while (/^[a-z][a-z0-9+.-]*:\/\/[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new AppError('invalid_input', 'Alamat server tidak valid.', [{ path: 'serverUrl', message: 'Contoh alamat: https://sinkron.lpse.banjarmasinkota.go.id' }]);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new AppError('invalid_input', 'Alamat server harus diawali https:// atau http://.', [{ path: 'serverUrl', message: 'Gunakan https:// atau http://.' }]);
  }
  if (u.username || u.password || u.search || u.hash) {
    throw new AppError('invalid_input', 'Alamat server tidak boleh memuat nama pengguna, kata sandi, atau parameter.', [{ path: 'serverUrl', message: 'Tulis alamat server saja.' }]);
  }
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

// ---- one engine per backend -------------------------------------------------------------------------

const engines = new WeakMap<AppContext, SyncEngine>();

/** Creates (once) and, unless told otherwise, starts the engine of a backend. */
export function startSync(app: AppContext, opts: SyncOptions = {}): SyncEngine {
  let e = engines.get(app);
  if (!e) {
    e = new SyncEngine(app, opts);
    engines.set(app, e);
    if (opts.autoStart ?? true) e.start();
  }
  return e;
}

/** The engine of a backend (created without its loop when the backend was built without one). */
export function syncEngineFor(app: AppContext): SyncEngine {
  return engines.get(app) ?? startSync(app, { autoStart: false });
}

export async function stopSync(app: AppContext): Promise<void> {
  const e = engines.get(app);
  if (e) await e.stop();
}

