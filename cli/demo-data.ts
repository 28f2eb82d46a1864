/**
 * Demo-data generator: fills a data folder with realistic, deterministic counter activity — vendors,
 * visitors, staff, visits and every step of their checklists — spread over the last D working days.
 *
 * Everything is written as real events through `stampEvents`/`appendEvents`, each stamped with a fake clock
 * set to the moment the step happened, so projections, aggregates and receipt counters are exactly what the
 * app would have produced. Ids come from a seeded random source: the same seed, counts and end instant give
 * the same database (password hashes aside, which are salted by design).
 *
 * A day is simulated as a list of timed steps (register, start checklist, mark an item, return, resume, hand
 * over, close). Steps that fall on a later day (a vendor coming back with a missing document) wait in that
 * day's bucket; steps after the end instant never happen, so recent files are still in progress.
 */
import { holdsRole } from '../domain/roles';
import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { bulkApply } from '../db/bulk-apply';
import { appendEvents, finishStartupSteps, stampEvents, type NewEvent } from '../db/event-store';
import { activeCatalogueVersion, catalogueBody, getMeta, setMeta } from '../db/queries';
import type { DB } from '../db/schema';
import type { ServiceDefinition, RequirementItem } from '../domain/catalogue/types';
import { applicableItems, summarizeChecklist } from '../domain/checklist';
import { HybridLogicalClock } from '../domain/events/hlc';
import type { ItemMark, Role, StoredEvent, VisitorRole } from '../domain/events/schema';
import { uuidv7 } from '../domain/events/uuidv7';
import { CALENDAR_AGGREGATE_ID, toWorkCalendar, type CalendarState } from '../domain/aggregates/calendar';
import { provisionalSource } from '../domain/time/holiday-library';
import { addWorkingDays, addWorkingMinutes, isWorkingDay, workingWindow, type WorkCalendar } from '../domain/time/calendar';
import { MINUTE_MS, addDaysIso, weekdayOfIso, witaIsoDate } from '../domain/time/wita';
import { deviceTag } from '../domain/numbering';
import { hashPassword } from '../backend/password';
import {
  Rng,
  banjarmasinAddress,
  companyEmail,
  companyIdentity,
  mobilePhone,
  nik,
  npwp,
  officePhone,
  personEmail,
  personName,
  type Sex,
} from './demo-identities';

/** Printed to the operator: every demo account gets it. Meets the password rule (10+ chars, letters and digits). */
export const DEMO_PASSWORD = 'demo-lpse-2026';
/** Bumped whenever the generator's output or its build of it changes, so cached benchmark datasets are rebuilt (2: the bulk apply path). */
export const DEMO_GENERATOR_VERSION = 2;

// maxDays covers five years of working days (the report bench: 500,000 visits over 1,300 days).
export const DEMO_LIMITS = { maxVisits: 2_000_000, maxDays: 1500 } as const;

export class DemoDataError extends Error {
  readonly code = 'demo_data_refused';
}

export interface DemoProgress {
  day: string;
  dayIndex: number;
  days: number;
  visitsRegistered: number;
  eventsWritten: number;
}

export interface DemoDataOptions {
  db: Kysely<DB>;
  /**
   * The connection under `db`: given, batches go through the bulk apply path (issue 17), which is several
   * times faster; the result is the same.
   */
  sqlite?: Database.Database;
  /** Number of visits (guest-book entries) to create. */
  visits: number;
  /** Number of working days, ending today, over which the visits are spread. */
  days: number;
  seed: string;
  /** The end instant ("now"): nothing after it happens. */
  now: number;
  /** Distinct companies; default: about 45% of the visits that involve a company. */
  vendors?: number;
  /** Working-day calendar; default: the one recorded in the database. */
  calendar?: WorkCalendar;
  /** Events per transaction (default 5,000 on the bulk path, else 1,000). */
  batchSize?: number;
  /**
   * Given, each batch goes to `apply` instead of being applied on this thread: a caller that applies them
   * through the bulk apply path on another thread with its own connection to the same folder (the bench's
   * dataset builds, bench/apply-worker.ts) plans the next batch meanwhile. `apply` receives the batches in
   * order with the receipt counters to write in the same transaction, and may resolve before the batch is
   * applied; `settle` resolves once every batch is. Nothing is read from the folder between the first batch
   * and `settle`.
   */
  pages?: {
    apply(events: StoredEvent[], counters: readonly (readonly [string, string])[]): Promise<void>;
    settle(): Promise<void>;
  };
  onProgress?: (p: DemoProgress) => void;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
}

export interface DemoDataResult {
  deviceId: string;
  firstDay: string;
  lastDay: string;
  visits: number;
  vendors: number;
  persons: number;
  events: number;
  usersCreated: DemoUser[];
  statusCounts: Record<string, number>;
  durationMs: number;
}

/** The working-day calendar recorded in the database (seeded by migration 003, edited by the supervisor). */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const row = await db.selectFrom('aggregates').select('state').where('id', '=', CALENDAR_AGGREGATE_ID).executeTakeFirst();
  if (!row?.state) throw new DemoDataError('Kalender hari kerja tidak ditemukan di basis data.');
  return toWorkCalendar(JSON.parse(row.state) as CalendarState, await provisionalSource());
}

// ---- plan types ------------------------------------------------------------------------------------------

interface Step {
  at: number;
  order: number;
  actor: string | null;
  build: () => NewEvent[];
}

interface PersonMem {
  id: string;
  name: string;
  registered: boolean;
  sex: Sex;
  nik: string;
}

interface VendorMem {
  id: string;
  name: string;
  leader: PersonMem;
  staff: PersonMem[];
}

interface Actors {
  desk: string[];
  supervisor: string | null;
  verifiers: string[];
  sysadmins: string[];
}

/** Shares of visits per purpose; codes not listed (services added to the catalogue later) get a small share. */
const SERVICE_WEIGHTS: Record<string, number> = {
  aktivasi_user_id: 30,
  perubahan_email: 12,
  perubahan_status_cv_pt: 4,
  perubahan_npwp: 7,
  nonaktif_user_id: 3,
  agregasi_data_penyedia: 10,
  pendampingan_spse: 24,
};
const OTHER_PURPOSE_WEIGHT = 10;
const NEW_SERVICE_WEIGHT = 2;

const OTHER_PURPOSES = [
  'Konsultasi jadwal dan tahapan tender',
  'Menanyakan hasil evaluasi paket pekerjaan',
  'Konsultasi pengisian data kualifikasi di SIKaP',
  'Mengantar surat sanggahan',
  'Koordinasi dengan Pokja Pemilihan',
  'Menanyakan cara mengunduh dokumen pemilihan',
  'Konsultasi penggunaan e-katalog lokal',
  'Mengambil undangan pembuktian kualifikasi',
  'Konsultasi persyaratan pendaftaran penyedia baru',
  'Menanyakan status pengumuman pemenang',
];

/** Relative arrival rate per half hour from 07:30: busy mornings, a lunch dip, Friday prayers. */
const SLOT_WEIGHTS_MON_THU = [0.6, 1.0, 1.3, 1.4, 1.4, 1.3, 1.2, 1.0, 0.7, 0.3, 0.4, 0.8, 0.9, 0.8, 0.6, 0.45, 0.25];
const SLOT_WEIGHTS_FRI = [0.6, 1.0, 1.3, 1.4, 1.4, 1.3, 1.1, 0.8, 0.3, 0.05, 0.05, 0.4, 0.8, 0.8, 0.6, 0.45, 0.3, 0.15];
const WEEKDAY_FACTOR: Record<number, number> = { 1: 1.2, 2: 1.05, 3: 1.0, 4: 1.0, 5: 0.75, 6: 0.3, 7: 0.3 };

/**
 * Outcome planners: what happens to a file after the helpdesk hands it over (verifier claims it, completes,
 * rejects, forwards to LKPP…). Each gets the handed-over visit and returns further steps. Add one here when
 * the corresponding event types exist in `domain/events/schema.ts`.
 */
export interface HandoverContext {
  visitId: string;
  service: ServiceDefinition;
  handedOverAt: number;
  rng: Rng;
  actors: Actors;
  calendar: WorkCalendar;
  newStep: (at: number, actor: string | null, build: () => NewEvent[]) => Step;
}
export const OUTCOME_PLANNERS: ((ctx: HandoverContext) => Step[])[] = [planDeskOutcome];

// ---- entry point -----------------------------------------------------------------------------------------

export async function generateDemoData(opts: DemoDataOptions): Promise<DemoDataResult> {
  const started = Date.now();
  const { db } = opts;
  if (!Number.isInteger(opts.visits) || opts.visits < 1 || opts.visits > DEMO_LIMITS.maxVisits) {
    throw new DemoDataError(`Jumlah kunjungan harus 1 sampai ${DEMO_LIMITS.maxVisits}.`);
  }
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > DEMO_LIMITS.maxDays) {
    throw new DemoDataError(`Jumlah hari kerja harus 1 sampai ${DEMO_LIMITS.maxDays}.`);
  }
  const existing = await db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new DemoDataError(
      `Folder data ini sudah berisi ${Number(existing.n)} kunjungan. Data contoh hanya dapat dibuat pada folder data tanpa kunjungan; gunakan --data-dir untuk folder baru.`,
    );
  }
  // What the app's start would do first (a folder an older build wrote): the calendar this reads is the
  // current reducer's, and `db verify` finds nothing pending afterwards.
  await finishStartupSteps(db, opts.now);
  const version = await activeCatalogueVersion(db, witaIsoDate(opts.now));
  const catalogue = await catalogueBody(db, version);
  if (!catalogue) throw new DemoDataError('Katalog layanan aktif tidak ditemukan di basis data.');
  const services = catalogue.services.filter((s) => s.active);

  const calendar = opts.calendar ?? (await loadCalendar(db));
  const days = lastWorkingDays(calendar, opts.now, opts.days);
  if (days.length === 0) throw new DemoDataError('Tidak ada hari kerja pada rentang tanggal yang diminta.');

  // Independent random streams: changing how many ids one part draws does not shift the content of another.
  const kindRng = new Rng(`${opts.seed}:kind`);
  const rng = new Rng(`${opts.seed}:content`);
  const aggIdRng = new Rng(`${opts.seed}:aggregate-ids`);
  const eventIdRng = new Rng(`${opts.seed}:event-ids`);

  let deviceId = await getMeta(db, 'device_id');
  if (!deviceId) {
    // The first writer of a fresh folder names the device; seeded so that two runs give the same receipts.
    deviceId = uuidv7(DEMO_DEVICE_EPOCH, new Rng(`${opts.seed}:device`).fill);
    await setMeta(db, 'device_id', deviceId);
  }
  const tag = deviceTag(deviceId);

  let clockMs = 0;
  const hlc = new HybridLogicalClock(() => clockMs);
  let pending: StoredEvent[] = [];
  let eventsWritten = 0;
  const receiptCounters = new Map<string, number>();
  const dirtyCounters = new Set<string>();
  // Receipt numbers already issued in this folder (by the app or an earlier run) come from the log.
  for (const r of await db
    .selectFrom('issued_numbers')
    .select(['scope', (eb) => eb.fn.max('number').as('n')])
    .where('series', '=', 'receipt')
    .where('scope', 'like', `%-${tag}`)
    .groupBy('scope')
    .execute()) {
    receiptCounters.set(`receipt_counter:${r.scope.slice(0, 8)}`, Number(r.n));
  }

  const flush = async () => {
    if (pending.length === 0 && dirtyCounters.size === 0) return;
    const batch = pending;
    pending = [];
    const counters = [...dirtyCounters].map((k) => [k, String(receiptCounters.get(k) ?? 0)] as const);
    dirtyCounters.clear();
    const writeCounters = async (tx: Transaction<DB>) => {
      for (const [k, v] of counters) await setMeta(tx, k, v);
    };
    if (opts.pages) {
      await opts.pages.apply(batch, counters);
    } else if (opts.sqlite && batch.length > 0) {
      // The bulk apply path (db/bulk-apply.ts): one held transaction, each aggregate folded once per batch.
      const r = await bulkApply({ db, sqlite: opts.sqlite }, batch, { isLocal: true, now: batch[batch.length - 1]!.recordedAt, pageSize: batch.length, withinPage: writeCounters });
      if (r.failed.length > 0) throw new DemoDataError(`Data contoh tidak dapat diterapkan: ${r.failed[0]!.error}`);
    } else {
      await db.transaction().execute(async (tx) => {
        if (batch.length > 0) await appendEvents(tx, batch, true, batch[batch.length - 1]!.recordedAt);
        await writeCounters(tx);
      });
    }
    eventsWritten += batch.length;
  };
  const batchSize = opts.batchSize ?? (opts.sqlite || opts.pages ? 5000 : 1000);
  const emit = async (at: number, actor: string | null, events: NewEvent[]) => {
    if (events.length === 0) return;
    clockMs = at;
    const stamped = stampEvents(events, { deviceId: deviceId, actorId: actor, hlc, now: () => clockMs, random: eventIdRng.fill });
    for (const e of stamped) pending.push(e);
    if (pending.length >= batchSize) await flush();
  };

  // ---- staff ----
  const firstOpen = workingWindow(calendar, days[0]!)!.openMs;
  const { actors, created } = await ensureStaff(db, rng, aggIdRng, firstOpen - 7 * 24 * 60 * MINUTE_MS, emit);
  await flush();

  // ---- what each visit is for, decided up front so the vendor count can be met exactly ----
  const purposeWeights: Record<string, number> = { lainnya: OTHER_PURPOSE_WEIGHT };
  for (const s of services) purposeWeights[s.code] = SERVICE_WEIGHTS[s.code] ?? NEW_SERVICE_WEIGHT;
  const purposeCodes = Object.keys(purposeWeights);
  const purposeOf = new Uint16Array(opts.visits);
  const withCompany = new Uint8Array(opts.visits);
  let companyVisits = 0;
  for (let i = 0; i < opts.visits; i++) {
    const code = kindRng.weighted(purposeWeights);
    purposeOf[i] = purposeCodes.indexOf(code);
    withCompany[i] = code !== 'lainnya' || kindRng.chance(0.55) ? 1 : 0;
    companyVisits += withCompany[i]!;
  }
  const vendorTarget = Math.min(companyVisits, Math.max(companyVisits > 0 ? 1 : 0, opts.vendors ?? Math.round(companyVisits * 0.45)));

  const perDay = allocateVisits(days, calendar, opts.now, opts.visits, rng);
  const vendors: VendorMem[] = [];
  const independents: PersonMem[] = [];
  const takenNames = new Set<string>();
  const takenNpwp = new Set<string>();
  const buckets = new Map<string, Step[]>();
  let order = 0;
  const newStep = (at: number, actor: string | null, build: () => NewEvent[]): Step => ({ at, order: order++, actor, build });
  const schedule = (steps: Step[]) => {
    for (const s of steps) {
      const day = witaIsoDate(s.at);
      const list = buckets.get(day);
      if (list) list.push(s);
      else buckets.set(day, [s]);
    }
  };

  let visitIndex = 0;
  let companyIndex = 0;
  let visitsRegistered = 0;
  for (let d = 0; d < days.length; d++) {
    const day = days[d]!;
    const arrivals = arrivalTimes(calendar, day, perDay[d]!, opts.now, rng);
    for (const arrivedAt of arrivals) {
      const i = visitIndex++;
      const code = purposeCodes[purposeOf[i]!]!;
      const service = code === 'lainnya' ? null : (services.find((s) => s.code === code) ?? null);
      const desk = pickDesk(rng, actors);
      const events: NewEvent[] = [];
      let vendor: VendorMem | null = null;
      if (withCompany[i]) {
        const remainingNew = vendorTarget - vendors.length;
        const remainingCompanyVisits = companyVisits - companyIndex++;
        if (vendors.length === 0 || (remainingNew > 0 && rng.next() * remainingCompanyVisits < remainingNew)) {
          vendor = registerVendor(rng, aggIdRng, arrivedAt, takenNames, takenNpwp, events);
          vendors.push(vendor);
        } else {
          vendor = vendors[Math.floor(rng.next() * vendors.length)]!;
          if (rng.chance(0.03)) {
            events.push({ type: 'vendor.updated', aggregateId: vendor.id, payload: { phone: officePhone(rng), address: banjarmasinAddress(rng) } });
          }
        }
      }
      // Leader or proxy: leaders come themselves less often than their staff do.
      let role: VisitorRole;
      let person: PersonMem;
      if (vendor) {
        role = rng.chance(vendor.name.startsWith('CV') || vendor.name.startsWith('PT') ? 0.38 : 0.7) ? 'leader' : 'proxy';
        if (role === 'leader') person = vendor.leader;
        else if (vendor.staff.length > 0 && rng.chance(0.7)) person = rng.pick(vendor.staff);
        else {
          const sex: Sex = rng.chance(0.62) ? 'L' : 'P';
          person = { id: uuidv7(arrivedAt, aggIdRng.fill), name: personName(rng, sex), registered: false, sex, nik: nik(rng, sex, rng.int(1968, 2003)) };
          vendor.staff.push(person);
        }
      } else {
        role = 'leader';
        if (independents.length > 0 && rng.chance(0.3)) person = rng.pick(independents);
        else {
          const sex: Sex = rng.chance(0.6) ? 'L' : 'P';
          person = { id: uuidv7(arrivedAt, aggIdRng.fill), name: personName(rng, sex), registered: false, sex, nik: nik(rng, sex, rng.int(1965, 2004)) };
          independents.push(person);
        }
      }
      if (!person.registered) {
        person.registered = true;
        events.push({
          type: 'person.registered',
          aggregateId: person.id,
          payload: {
            name: person.name,
            nik: vendor || rng.chance(0.7) ? person.nik : null,
            phone: mobilePhone(rng),
            email: rng.chance(0.3) ? personEmail(rng, person.name) : null,
            vendorId: vendor?.id ?? null,
          },
        });
      } else if (rng.chance(0.03)) {
        events.push({ type: 'person.updated', aggregateId: person.id, payload: { phone: mobilePhone(rng) } });
      }
      const visitId = uuidv7(arrivedAt, aggIdRng.fill);
      events.push({
        type: 'visit.registered',
        aggregateId: visitId,
        payload: {
          arrivedAt,
          personId: person.id,
          vendorId: vendor?.id ?? null,
          visitorRole: role,
          serviceCode: service?.code ?? null,
          purposeNote: service ? (rng.chance(0.05) ? 'Datang atas arahan Pokja' : null) : rng.pick(OTHER_PURPOSES),
          catalogueVersion: version,
          visitorName: person.name,
          companyName: vendor?.name ?? null,
        },
      });
      const steps: Step[] = [newStep(arrivedAt, desk, () => events)];
      if (service) steps.push(...planChecklist({ visitId, service, role, arrivedAt, desk, rng, calendar, actors, tag, newStep, receiptCounters, dirtyCounters }));
      else {
        const closeAt = arrivedAt + rng.int(4, 30) * MINUTE_MS + rng.int(0, 59_000);
        steps.push(newStep(closeAt, desk, () => [{ type: 'visit.closed', aggregateId: visitId, payload: { at: closeAt, note: rng.chance(0.3) ? 'Sudah dijelaskan kepada pemohon' : null } }]));
      }
      schedule(steps);
      visitsRegistered++;
    }

    const todays = buckets.get(day) ?? [];
    buckets.delete(day);
    todays.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const s of todays) {
      if (s.at > opts.now) continue;
      await emit(s.at, s.actor, s.build());
    }
    opts.onProgress?.({ day, dayIndex: d, days: days.length, visitsRegistered, eventsWritten: eventsWritten + pending.length });
  }
  await flush();
  await opts.pages?.settle();

  const hlcLast = await getMeta(db, 'hlc_last');
  if (!hlcLast || hlcLast < hlc.current()) await setMeta(db, 'hlc_last', hlc.current());

  const statusRows = await db.selectFrom('visits').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const persons = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    deviceId,
    firstDay: days[0]!,
    lastDay: days[days.length - 1]!,
    visits: visitsRegistered,
    vendors: vendors.length,
    persons: Number(persons.n),
    events: eventsWritten,
    usersCreated: created,
    statusCounts: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    durationMs: Date.now() - started,
  };
}

/** 2018-11-28 00:00 WITA: the time part of the seeded device id (the rest comes from the seed). */
const DEMO_DEVICE_EPOCH = 1543334400000;

// ---- staff -----------------------------------------------------------------------------------------------

const STAFF: { username: string; displayName: string; roles: Role[] }[] = [
  // The first account holds both heads' roles, as the app's first-run setup gives it (domain/roles.ts).
  { username: 'kasubbag', displayName: 'H. Muhammad Rizali, S.T.', roles: ['kepala_subbagian', 'kepala_bagian'] },
  { username: 'helpdesk1', displayName: 'Noorhasanah, S.Kom.', roles: ['helpdesk'] },
  { username: 'helpdesk2', displayName: 'Ahmad Fauzan', roles: ['helpdesk'] },
  { username: 'verifikator1', displayName: 'Rusdiansyah, S.E.', roles: ['verifier'] },
  { username: 'verifikator2', displayName: 'Siti Maulida, S.H.', roles: ['verifier'] },
  { username: 'adminsistem', displayName: 'Fahmi Rahman, S.Kom.', roles: ['sysadmin'] },
];

async function ensureStaff(
  db: Kysely<DB>,
  rng: Rng,
  idRng: Rng,
  at: number,
  emit: (at: number, actor: string | null, events: NewEvent[]) => Promise<void>,
): Promise<{ actors: Actors; created: DemoUser[] }> {
  const rows = await db.selectFrom('users').select(['id', 'roles', 'active']).orderBy('username').execute();
  const created: DemoUser[] = [];
  let users: { id: string; roles: Role[] }[];
  if (rows.length === 0) {
    users = [];
    let supervisorId: string | null = null;
    for (const s of STAFF) {
      const id = uuidv7(at, idRng.fill);
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      // The first account creates itself, as in the app's first-run setup; the supervisor creates the rest.
      await emit(at, supervisorId ?? id, [{ type: 'user.created', aggregateId: id, payload: { username: s.username, displayName: s.displayName, roles: s.roles, passwordHash } }]);
      supervisorId ??= id;
      users.push({ id, roles: s.roles });
      created.push({ username: s.username, displayName: s.displayName, roles: s.roles });
      at += rng.int(1, 5) * MINUTE_MS;
    }
  } else {
    users = rows.filter((r) => r.active === 1).map((r) => ({ id: r.id, roles: JSON.parse(r.roles) as Role[] }));
  }
  const withRole = (r: Role) => users.filter((u) => u.roles.includes(r)).map((u) => u.id);
  // Discretion (Pasal 6) is the Kepala Bagian's; a data folder from before issue 14 has a supervisor instead.
  const supervisor = users.filter((u) => holdsRole(u.roles, 'kepala_bagian')).map((u) => u.id)[0] ?? null;
  const helpdesk = withRole('helpdesk');
  return {
    actors: {
      desk: helpdesk.length > 0 ? helpdesk : supervisor ? [supervisor] : [],
      supervisor,
      verifiers: withRole('verifier'),
      sysadmins: withRole('sysadmin'),
    },
    created,
  };
}

function pickDesk(rng: Rng, actors: Actors): string | null {
  if (actors.supervisor && rng.chance(0.04)) return actors.supervisor; // the supervisor covers the desk now and then
  return actors.desk.length > 0 ? rng.pick(actors.desk) : null;
}

// ---- vendors ---------------------------------------------------------------------------------------------

function registerVendor(rng: Rng, idRng: Rng, at: number, takenNames: Set<string>, takenNpwp: Set<string>, events: NewEvent[]): VendorMem {
  const { name, legalForm } = companyIdentity(rng, takenNames);
  const leaderSex: Sex = rng.chance(0.8) ? 'L' : 'P';
  const leaderNik = nik(rng, leaderSex, rng.int(1960, 1995));
  const leaderName = legalForm === 'Perorangan' ? name : personName(rng, leaderSex, { hajiChance: 0.35 });
  const id = uuidv7(at, idRng.fill);
  events.push({
    type: 'vendor.registered',
    aggregateId: id,
    payload: {
      name,
      legalForm,
      npwp: rng.chance(0.97) ? npwp(rng, legalForm, leaderNik, takenNpwp) : null,
      address: rng.chance(0.92) ? banjarmasinAddress(rng) : null,
      email: rng.chance(0.8) ? companyEmail(rng, name) : null,
      phone: rng.chance(0.65) ? officePhone(rng) : null,
      leaderName,
    },
  });
  return {
    id,
    name,
    leader: { id: uuidv7(at, idRng.fill), name: leaderName, registered: false, sex: leaderSex, nik: leaderNik },
    staff: [],
  };
}

// ---- checklist walk-through ------------------------------------------------------------------------------

type Defect = 'not_brought' | 'expired' | 'no_meterai' | 'copy_missing';

interface ChecklistPlan {
  visitId: string;
  service: ServiceDefinition;
  role: VisitorRole;
  arrivedAt: number;
  desk: string | null;
  rng: Rng;
  calendar: WorkCalendar;
  actors: Actors;
  tag: string;
  newStep: (at: number, actor: string | null, build: () => NewEvent[]) => Step;
  receiptCounters: Map<string, number>;
  dirtyCounters: Set<string>;
}

function goodMark(item: RequirementItem, day: string, rng: Rng): ItemMark {
  return {
    itemCode: item.code,
    originalSeen: item.original !== 'none' || !item.copyRequired,
    copyReceived: item.copyRequired,
    validUntil: item.mustBeValid ? addDaysIso(day, rng.int(45, 1500)) : null,
    meteraiOk: item.needsMeterai,
    notBrought: false,
    note: null,
  };
}

function defectiveMark(item: RequirementItem, defect: Defect, day: string, rng: Rng): ItemMark {
  const good = goodMark(item, day, rng);
  switch (defect) {
    case 'not_brought':
      return { itemCode: item.code, originalSeen: false, copyReceived: false, validUntil: null, meteraiOk: false, notBrought: true, note: null };
    case 'expired':
      return { ...good, validUntil: addDaysIso(day, -rng.int(1, 240)), note: 'Masa berlaku sudah habis' };
    case 'no_meterai':
      return { ...good, meteraiOk: false, note: 'Belum dibubuhi meterai' };
    case 'copy_missing':
      return { ...good, copyReceived: false, note: 'Fotokopi belum dibawa' };
    default: {
      const _exhaustive: never = defect;
      return _exhaustive;
    }
  }
}

function possibleDefects(item: RequirementItem): Defect[] {
  const out: Defect[] = ['not_brought', 'not_brought', 'not_brought'];
  if (item.mustBeValid) out.push('expired', 'expired');
  if (item.needsMeterai) out.push('no_meterai', 'no_meterai');
  if (item.copyRequired) out.push('copy_missing');
  return out;
}

/** A time inside counter hours on `day`, biased to the morning (vendors come back early). */
function timeOnDay(calendar: WorkCalendar, day: string, rng: Rng): number {
  const w = workingWindow(calendar, day)!;
  const span = w.closeMs - w.openMs - 30 * MINUTE_MS;
  return w.openMs + Math.floor(Math.pow(rng.next(), 1.4) * span);
}

function laterWorkingDay(calendar: WorkCalendar, day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; ) {
    d = addDaysIso(d, 1);
    if (isWorkingDay(calendar, d)) i++;
  }
  return d;
}

function planChecklist(p: ChecklistPlan): Step[] {
  const { rng, service, visitId, role } = p;
  const steps: Step[] = [];
  const items = applicableItems(service, role);
  const marks: Record<string, ItemMark> = {};
  let t = p.arrivedAt + Math.floor(Math.pow(rng.next(), 2) * 20 * MINUTE_MS) + rng.int(30_000, 120_000);
  let day = witaIsoDate(p.arrivedAt);
  const desk = p.desk;

  const startAt = t;
  steps.push(p.newStep(startAt, desk, () => [{ type: 'visit.checklist_started', aggregateId: visitId, payload: { at: startAt } }]));

  // Incomplete files: proxies forget the power of attorney or its duty stamp more than anything else.
  const incomplete = rng.chance(role === 'proxy' ? 0.26 : 0.14);
  const defects = new Map<string, Defect>();
  if (incomplete) {
    const kuasa = items.find((i) => i.proxyOnly);
    if (kuasa && rng.chance(0.45)) defects.set(kuasa.code, rng.pick(possibleDefects(kuasa)));
    const n = defects.size === 0 ? 1 : rng.chance(0.25) ? 1 : 0;
    for (let k = 0; k < n + (rng.chance(0.2) ? 1 : 0); k++) {
      const item = rng.pick(items);
      if (!defects.has(item.code)) defects.set(item.code, rng.pick(possibleDefects(item)));
    }
    if (defects.size === 0) defects.set(items[0]!.code, 'not_brought');
  }

  const markSteps = (list: RequirementItem[], makeMark: (item: RequirementItem) => ItemMark) => {
    for (const item of list) {
      t += rng.int(15_000, 75_000);
      const at = t;
      const mark = makeMark(item);
      marks[item.code] = mark;
      steps.push(p.newStep(at, desk, () => [{ type: 'visit.item_marked', aggregateId: visitId, payload: { ...mark, at } }]));
    }
  };
  markSteps(items, (item) => {
    const d = defects.get(item.code);
    return d ? defectiveMark(item, d, day, rng) : goodMark(item, day, rng);
  });

  let returns = 0;
  for (;;) {
    const summary = summarizeChecklist(service, role, marks, day);
    // Perwali Pasal 6: now and then the supervisor accepts a file with one item missing, with a written reason.
    const discretion = !summary.complete && returns === 0 && summary.missing.length === 1 && p.actors.supervisor !== null && rng.chance(0.06);
    if (summary.complete || discretion) {
      t += rng.int(40_000, 180_000);
      const at = t;
      const counterKey = `receipt_counter:${day.replace(/-/g, '')}`;
      const receiptDay = day.replace(/-/g, '');
      const discretionItems = discretion ? summary.missing.map((m) => m.itemCode) : [];
      const discretionReason = discretion ? rng.pick(DISCRETION_REASONS) : undefined;
      steps.push(
        p.newStep(at, discretion ? p.actors.supervisor : desk, () => {
          const n = (p.receiptCounters.get(counterKey) ?? 0) + 1;
          p.receiptCounters.set(counterKey, n);
          p.dirtyCounters.add(counterKey);
          const receiptNo = `TT-${receiptDay}-${p.tag}-${String(n).padStart(3, '0')}`;
          return [
            {
              type: 'visit.handed_over',
              aggregateId: visitId,
              payload: { at, to: service.handlerRole, receiptNo, discretionItems, ...(discretionReason ? { discretionReason } : {}) },
            },
          ];
        }),
      );
      for (const planner of OUTCOME_PLANNERS) {
        steps.push(...planner({ visitId, service, handedOverAt: at, rng, actors: p.actors, calendar: p.calendar, newStep: p.newStep }));
      }
      return steps;
    }
    t += rng.int(30_000, 120_000);
    const returnAt = t;
    const missing = summary.missing;
    const note = rng.chance(0.4) ? `Mohon dilengkapi: ${missing.map((m) => m.label).join(', ')}` : null;
    steps.push(p.newStep(returnAt, desk, () => [{ type: 'visit.returned', aggregateId: visitId, payload: { at: returnAt, missing, note } }]));
    returns++;
    // Most vendors come back within a week; some never do (the file stays returned).
    if (returns > 2 || !rng.chance(returns === 1 ? 0.82 : 0.6)) return steps;
    day = laterWorkingDay(p.calendar, day, 1 + Math.floor(Math.pow(rng.next(), 2) * 7));
    t = timeOnDay(p.calendar, day, rng);
    const resumeAt = t;
    const resumeDesk = pickDesk(rng, p.actors);
    steps.push(p.newStep(resumeAt, resumeDesk, () => [{ type: 'visit.resumed', aggregateId: visitId, payload: { at: resumeAt } }]));
    // What was missing is brought, though now and then one document is still not right.
    const stillWrong = rng.chance(0.1) ? rng.pick(missing).itemCode : null;
    const fixItems = items.filter((i) => missing.some((m) => m.itemCode === i.code));
    const before = steps.length;
    markSteps(fixItems, (item) => (item.code === stillWrong ? defectiveMark(item, rng.pick(possibleDefects(item)), day, rng) : goodMark(item, day, rng)));
    for (let k = before; k < steps.length; k++) steps[k]!.actor = resumeDesk;
  }
}

// ---- after the handover: the verifier's / system admin's desk ----------------------------------------------

const DISCRETION_REASONS = [
  'Surat kuasa asli menyusul hari ini; pimpinan perusahaan sudah dikonfirmasi melalui telepon.',
  'Izin usaha sedang diperpanjang di DPMPTSP; bukti pengajuan perpanjangan sudah diperlihatkan.',
  'Fotokopi akta diserahkan menyusul; akta asli sudah diperiksa di loket.',
];

const COMPLETION_NOTES: Record<string, string> = {
  aktivasi_user_id: 'User ID penyedia telah diaktifkan di SPSE.',
  perubahan_email: 'Alamat e-mail penyedia telah diperbarui di SPSE.',
  perubahan_status_cv_pt: 'Status perusahaan di SPSE telah diperbarui menjadi PT.',
  perubahan_npwp: 'NPWP penyedia telah diperbarui di SPSE.',
  nonaktif_user_id: 'User ID penyedia telah dinonaktifkan.',
  agregasi_data_penyedia: 'Agregasi data penyedia telah disetujui LKPP.',
  pendampingan_spse: 'Kendala telah diselesaikan bersama penyedia.',
};

const REJECTION_REASONS = [
  'Data pada formulir tidak sesuai dengan dokumen asli perusahaan.',
  'NPWP yang diajukan sudah terdaftar atas nama penyedia lain di SPSE.',
  'Akta perubahan terakhir belum memperoleh pengesahan Kementerian Hukum.',
  'Alamat e-mail baru sudah dipakai oleh akun penyedia lain.',
  'Penyedia tercantum dalam Daftar Hitam Nasional.',
];

const WAITING_NOTES = [
  'Menunggu penyedia mengonfirmasi tautan aktivasi yang dikirim ke e-mail.',
  'Menunggu penyedia mengirim pindaian akta yang terbaca jelas.',
  'Menunggu penyedia memperbaiki data profil di SIKaP.',
];

const CASE_NOTES = [
  'Penyedia tidak dapat mengunggah dokumen penawaran: ukuran berkas melebihi batas.',
  'Galat saat login: kata sandi kedaluwarsa, dipandu reset kata sandi.',
  'Aplikasi Apendo/SPAMKODOK tidak dapat membuka dokumen pemilihan; dipandu pemasangan ulang.',
  'Penyedia belum menerima e-mail notifikasi; alamat e-mail diperiksa bersama.',
  'Tanda tangan elektronik gagal diverifikasi; sertifikat diperiksa bersama penyedia.',
];

/**
 * What happens at the handler's desk: a verifier (system admin for service 7) claims the file, may wait for
 * the vendor or forward it to LKPP (ADP always goes to LKPP), and finishes it, rarely by rejecting it. Delays
 * are counted in working time, so every step happens inside counter hours.
 */
function planDeskOutcome(ctx: HandoverContext): Step[] {
  const { service, rng, calendar, actors, visitId, newStep } = ctx;
  const sysadminDesk = service.handlerRole === 'sysadmin';
  const pool = sysadminDesk ? actors.sysadmins : actors.verifiers;
  const fallback = actors.supervisor ? [actors.supervisor] : [];
  const handlers = pool.length > 0 ? pool : fallback;
  if (handlers.length === 0) return [];
  const steps: Step[] = [];
  // Whole milliseconds: event times are integers.
  const after = (from: number, minMinutes: number, maxMinutes: number) =>
    Math.round(addWorkingMinutes(calendar, from, minMinutes + Math.pow(rng.next(), 1.6) * (maxMinutes - minMinutes)));
  const afterDays = (from: number, minDays: number, maxDays: number) => {
    const d = addWorkingDays(calendar, from, rng.int(minDays, maxDays));
    return Math.round(addWorkingMinutes(calendar, d, rng.int(0, 90)));
  };
  const push = (at: number, actor: string | null, build: () => NewEvent[]) => {
    steps.push(newStep(at, actor, build));
    return at;
  };

  let owner = rng.pick(handlers);
  const claimAt = after(ctx.handedOverAt, 2, 45);
  let t = push(claimAt, owner, () => [{ type: 'visit.claimed', aggregateId: visitId, payload: { at: claimAt } }]);
  if (handlers.length > 1 && rng.chance(0.03)) {
    const releaseAt = after(t, 3, 20);
    push(releaseAt, owner, () => [{ type: 'visit.claim_released', aggregateId: visitId, payload: { at: releaseAt, note: 'Dialihkan karena petugas bertugas di luar kantor.' } }]);
    owner = handlers.find((h) => h !== owner)!;
    const reclaimAt = after(releaseAt, 2, 30);
    t = push(reclaimAt, owner, () => [{ type: 'visit.claimed', aggregateId: visitId, payload: { at: reclaimAt } }]);
  }
  const finisher = owner;
  const complete = (at: number, note: string | null) =>
    push(at, finisher, () => [{ type: 'visit.completed', aggregateId: visitId, payload: { at, note } }]);
  const forward = (at: number, ticketNo: string, note: string) =>
    push(at, finisher, () => [{ type: 'visit.forwarded_lkpp', aggregateId: visitId, payload: { at, note, ticketNo } }]);
  const lkppClosed = (at: number, result: 'approved' | 'rejected' | 'answered', note: string | null) =>
    push(at, finisher, () => [{ type: 'visit.lkpp_closed', aggregateId: visitId, payload: { at, result, note } }]);
  const completionNote = COMPLETION_NOTES[service.code] ?? null;

  if (service.code === 'agregasi_data_penyedia') {
    t = forward(after(t, 8, 30), `ADP-${rng.digits(7)}`, 'Pengajuan agregasi data penyedia diteruskan ke LKPP.');
    const result = rng.weighted({ approved: 85, rejected: 5, answered: 10 });
    t = afterDays(t, 1, 8);
    if (result === 'approved') lkppClosed(t, 'approved', completionNote);
    else if (result === 'rejected') lkppClosed(t, 'rejected', 'LKPP menolak agregasi: data kualifikasi pada dua akun berbeda.');
    else {
      t = lkppClosed(t, 'answered', 'LKPP meminta data akun lama dilengkapi terlebih dahulu.');
      complete(after(t, 20, 240), completionNote);
    }
    return steps;
  }

  if (sysadminDesk) {
    const noteAt = after(t, 5, 40);
    const text = rng.pick(CASE_NOTES);
    t = push(noteAt, finisher, () => [{ type: 'visit.note_added', aggregateId: visitId, payload: { at: noteAt, text } }]);
    if (rng.chance(0.12)) {
      t = forward(after(t, 30, 240), `HD-LKPP-${rng.digits(6)}`, 'Kendala diteruskan ke helpdesk LKPP.');
      t = lkppClosed(afterDays(t, 1, 6), 'answered', 'Helpdesk LKPP memberikan solusi.');
      complete(after(t, 15, 180), completionNote);
    } else {
      complete(rng.chance(0.55) ? after(t, 10, 180) : afterDays(t, 1, 4), completionNote);
    }
    return steps;
  }

  // Verifier services: most are done within the 30 minutes (e-mail changes within the working day).
  const work = service.code === 'perubahan_email' ? ([15, 300] as const) : ([6, 40] as const);
  if (rng.chance(0.06)) {
    const pauseAt = after(t, 4, 15);
    const note = rng.pick(WAITING_NOTES);
    push(pauseAt, finisher, () => [{ type: 'visit.pause_started', aggregateId: visitId, payload: { at: pauseAt, kind: 'waiting_vendor', note } }]);
    const endAt = rng.chance(0.5) ? after(pauseAt, 30, 240) : afterDays(pauseAt, 1, 3);
    t = push(endAt, finisher, () => [{ type: 'visit.pause_ended', aggregateId: visitId, payload: { at: endAt } }]);
    complete(after(t, 5, 20), completionNote);
  } else if (rng.chance(0.04)) {
    const at = after(t, 10, 35);
    const reason = rng.pick(REJECTION_REASONS);
    push(at, finisher, () => [{ type: 'visit.rejected', aggregateId: visitId, payload: { at, reason } }]);
  } else {
    complete(after(t, work[0], work[1]), completionNote);
  }
  return steps;
}

// ---- days and arrival times ------------------------------------------------------------------------------

/** The last `n` working days up to the end instant's day; today counts only once the counter has opened. */
export function lastWorkingDays(calendar: WorkCalendar, now: number, n: number): string[] {
  const out: string[] = [];
  let d = witaIsoDate(now);
  const todayWindow = workingWindow(calendar, d);
  if (!todayWindow || todayWindow.openMs >= now) d = addDaysIso(d, -1);
  for (let guard = 0; out.length < n && guard < n * 3 + 60; guard++) {
    if (isWorkingDay(calendar, d)) out.push(d);
    d = addDaysIso(d, -1);
  }
  return out.reverse();
}

interface Slot {
  start: number;
  end: number;
  weight: number;
}

function slotsOf(calendar: WorkCalendar, day: string, now: number): Slot[] {
  const w = workingWindow(calendar, day);
  if (!w) return [];
  const weights = weekdayOfIso(day) === 5 ? SLOT_WEIGHTS_FRI : SLOT_WEIGHTS_MON_THU;
  const slots: Slot[] = [];
  for (let s = w.openMs, i = 0; s < w.closeMs; s += 30 * MINUTE_MS, i++) {
    const full = Math.min(s + 30 * MINUTE_MS, w.closeMs);
    const end = Math.min(full, now);
    if (end <= s) break;
    const base = weights[Math.min(i, weights.length - 1)]!;
    slots.push({ start: s, end, weight: (base * (end - s)) / (30 * MINUTE_MS) });
  }
  return slots;
}

/** Splits `total` visits over the days: busier Mondays, quieter Fridays, day-to-day noise, a partial today. */
function allocateVisits(days: string[], calendar: WorkCalendar, now: number, total: number, rng: Rng): number[] {
  const weights = days.map((day) => {
    const slots = slotsOf(calendar, day, now);
    const open = slots.reduce((s, x) => s + x.weight, 0);
    return open * (WEEKDAY_FACTOR[weekdayOfIso(day)] ?? 1) * (0.75 + rng.next() * 0.5);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % byRemainder.length, rest--) counts[byRemainder[k]![1]]!++;
  return counts;
}

function arrivalTimes(calendar: WorkCalendar, day: string, count: number, now: number, rng: Rng): number[] {
  if (count === 0) return [];
  const slots = slotsOf(calendar, day, now);
  const total = slots.reduce((s, x) => s + x.weight, 0);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    let r = rng.next() * total;
    let slot = slots[slots.length - 1]!;
    for (const s of slots) {
      r -= s.weight;
      if (r < 0) {
        slot = s;
        break;
      }
    }
    out.push(slot.start + Math.floor(rng.next() * (slot.end - slot.start)));
  }
  return out.sort((a, b) => a - b);
}
