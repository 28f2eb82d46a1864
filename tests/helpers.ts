/** Test helpers: a backend on a fresh temporary data folder, with a movable clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../backend/app';
import type { InputOf, MethodName, OutputOf } from '../contract/api';
import type { Result } from '../contract/result';

export function tempDir(prefix = 'lpse-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export class TestClock {
  constructor(public ms: number) {}
  now = () => this.ms;
  advance(minutes: number) {
    this.ms += minutes * 60_000;
  }
}

/** 2026-11-26 09:00 WITA, a Thursday. */
/**
 * What the verifier enters when completing services 1–5 (issue 14: required, backend/handlers/desks.ts); only
 * the fields of the visit's service are taken, so one value serves every completion in tests.
 */
export const VENDOR_VALUES = { email: 'pengadaan@contoh.co.id', npwp: '02.183.241.5-000.000', legalForm: 'PT', spseUserId: 'penyedia01' } as const;

export const THU_0900_WITA = Date.UTC(2026, 10, 26, 1, 0, 0);

/** `call` (the Result) and `ok` (the value, or a thrown error naming the method) over one dispatch function. */
export interface Callers {
  call<M extends MethodName>(m: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  ok<M extends MethodName>(m: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

/** Callers that send the holder's current session token (`token()` is read at each call). */
export function callers(dispatch: (method: string, input: unknown, token: string | null) => Promise<Result<unknown>>, token: () => string | null, label = ''): Callers {
  return {
    call: async (m, input) => (await dispatch(m, input, token())) as never,
    ok: async (m, input) => {
      const r = await dispatch(m, input, token());
      if (!r.ok) throw new Error(`${label}${m} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
      return r.value as never;
    },
  };
}

export interface TestApp {
  backend: Backend;
  clock: TestClock;
  dataDir: string;
  token: string | null;
  call<M extends MethodName>(m: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  ok<M extends MethodName>(m: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

export async function startTestApp(opts: { dataDir?: string; clock?: TestClock; key?: Buffer | null } = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? tempDir();
  const clock = opts.clock ?? new TestClock(THU_0900_WITA);
  // `key`: an encrypted database (docs/adr/0017); absent: the folder's key file if any, else plain.
  const backend = await createBackend({ dataDir, transport: 'browser', now: clock.now, sync: false, ...(opts.key !== undefined ? { key: opts.key } : {}) });
  const app: TestApp = {
    backend,
    clock,
    dataDir,
    token: null,
    ...callers(backend.dispatch, () => app.token),
  };
  return app;
}

export async function signInAsSupervisor(app: TestApp): Promise<void> {
  const status = await app.ok('app.status', {});
  const s = status.setupRequired
    ? await app.ok('auth.setup', { username: 'kasubbag', displayName: 'Kepala Sub Bagian', password: 'rahasia-123' })
    : await app.ok('auth.signIn', { username: 'kasubbag', password: 'rahasia-123' });
  app.token = s.token;
}

export const PROXY_VISIT: InputOf<'visits.register'> = {
  person: { id: null, name: 'Rahmat Hidayat', nik: '6371011503900001', phone: '0812 5123 4567', email: '' },
  company: {
    id: null,
    name: 'CV Sumber Rejeki Banua',
    legalForm: 'CV',
    npwp: '01.312.166.0-091.000',
    address: 'Jl. A. Yani Km. 5 No. 12, Banjarmasin',
    email: 'admin@sumberrejeki.co.id',
    phone: '0511-3252123',
    leaderName: 'H. Abdul Karim',
  },
  visitorRole: 'proxy',
  serviceCode: 'aktivasi_user_id',
  purposeNote: '',
  privacyNoticeShown: true,
};

/** Marks every applicable checklist item as satisfied, except `notBrought` (marked "not brought"). */
export async function tickAll(app: TestApp, visitId: string, notBrought: string[] = [], validUntil = '2030-12-31'): Promise<void> {
  const detail = await app.ok('visits.get', { visitId });
  for (const item of detail.checklist) {
    if (notBrought.includes(item.code)) {
      await app.ok('visits.markItem', { visitId, itemCode: item.code, originalSeen: false, copyReceived: false, validUntil: null, meteraiOk: false, notBrought: true, note: '' });
      continue;
    }
    await app.ok('visits.markItem', {
      visitId,
      itemCode: item.code,
      originalSeen: item.original !== 'none' || !item.copyRequired,
      copyReceived: item.copyRequired,
      validUntil: item.mustBeValid ? validUntil : null,
      meteraiOk: item.needsMeterai,
      notBrought: false,
      note: '',
    });
  }
}

/**
 * Turns `aggregates` back into the `WITHOUT ROWID` table of migration 001, as every file written before
 * migration 014 holds it (rows unchanged), for tests that rewind a file's schema (docs/adr/0033).
 */
export function aggregatesAsBefore014(raw: { exec(sql: string): unknown }): void {
  raw.exec(
    `CREATE TABLE aggregates_001 (id TEXT PRIMARY KEY, type TEXT NOT NULL, last_key TEXT NOT NULL, state TEXT, event_count INTEGER NOT NULL) STRICT, WITHOUT ROWID;
     INSERT INTO aggregates_001 SELECT id, type, last_key, state, event_count FROM aggregates;
     DROP TABLE aggregates;
     ALTER TABLE aggregates_001 RENAME TO aggregates;`,
  );
}
