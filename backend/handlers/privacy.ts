/**
 * Personal-data duties (contract/privacy.ts, UU 27/2022, ADR 0019). An erasure is recorded as a
 * `subject.erased` event; the event store carries it out in the same transaction (db/erasure.ts) here and,
 * through sync, on every PC and on the server. After the commit the backend scrubs the WAL
 * (backend/privacy.ts, on the change notice of the 'erasure' aggregate).
 */
import type { OutputOf, ParsedInputOf } from '../../contract/api';
import type { PrivacySubject } from '../../contract/privacy';
import { AppError } from '../../contract/result';
import { loadAggregateState } from '../../db/event-store';
import { userNames } from '../../db/queries';
import { SETTINGS_AGGREGATE_ID, settingOf } from '../../domain/aggregates/settings';
import { canSeePersonalData, maskNik, maskPhone } from '../../domain/personal-data';
import { ERASED_NAME, retentionCutoff } from '../../domain/privacy/erasure';
import { breachClock, type BreachState } from '../../domain/aggregates/breach';
import { uuidv7 } from '../../domain/events/uuidv7';
import { normalizeName, witaDay } from '../../db/projections';
import { sql } from 'kysely';
import type { Exec } from '../../db/exec';
import { recordEvents } from '../record';
import type { AppContext, AuthedCallContext } from '../context';
import { loadOfficeSettings, officeHeader } from '../views/office';
import { findService, loadCatalogue } from '../views/catalogue';
import { timelineLabel } from '../views/visit';
import { pdfRendererFor } from '../pdf';
import { log } from '../log';
import type { Catalogue } from '../../domain/catalogue/types';
import { visitStatusLabel } from '../../domain/visit-status';
import { layoutSpec } from '../../print/layouts';
import { renderSubjectExport, subjectExportFileName, type SubjectExportData } from '../../print/subject-export';


interface SubjectRow {
  id: string;
  name: string;
  nik: string | null;
  phone: string | null;
  visit_count: number;
  last_visit_at: number | null;
}

/** Persons with their visit count and last arrival; erased persons are left out (nothing left to erase). */
function subjectsQuery(db: Exec) {
  return db
    .selectFrom('persons as p')
    .leftJoin('visits as v', 'v.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.nik', 'p.phone'])
    .select((eb) => [eb.fn.count<number>('v.id').as('visit_count'), eb.fn.max<number | null>('v.arrived_at').as('last_visit_at')])
    .where('p.name', '<>', ERASED_NAME)
    .groupBy(['p.id', 'p.name', 'p.nik', 'p.phone']);
}

function toSubject(r: SubjectRow, full: boolean): PrivacySubject {
  return {
    personId: r.id,
    name: r.name,
    nik: full ? r.nik : maskNik(r.nik),
    phone: full ? r.phone : maskPhone(r.phone),
    visitCount: Number(r.visit_count),
    lastVisitAt: r.last_visit_at === null ? null : Number(r.last_visit_at),
  };
}

async function retentionMonths(app: AppContext): Promise<number | null> {
  return settingOf(await loadAggregateState<'settings'>(app.db, SETTINGS_AGGREGATE_ID), 'retention_visitor_months');
}

/** Visitors whose last visit (or, with none, their registration) lies before the cutoff. */
async function dueSubjects(app: AppContext, cutoff: number, limit: number): Promise<{ total: number; rows: SubjectRow[] }> {
  const base = subjectsQuery(app.db).innerJoin('aggregates as a', 'a.id', 'p.id');
  const having = sql<boolean>`coalesce(max(v.arrived_at), json_extract(a.state, '$.createdAt')) < ${cutoff}`;
  const rows = (await base.having(having).orderBy('last_visit_at').execute()) as SubjectRow[];
  return { total: rows.length, rows: rows.slice(0, limit) };
}

async function eraseOne(ctx: AuthedCallContext, personId: string, reason: 'retention' | 'request', note: string | null, months: number | null) {
  const { app } = ctx;
  const visits = await app.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow();
  const erasureId = uuidv7(app.now());
  await recordEvents(app, ctx.session.userId, [
    {
      type: 'subject.erased',
      aggregateId: erasureId,
      payload: { at: app.now(), subjectKind: 'visitor', subjectId: personId, reason, retentionMonths: months, note, visitCount: Number(visits.n) },
    },
  ]);
  const applied = await app.db.selectFrom('erasure_applied').select(['events_redacted', 'pending']).where('erasure_id', '=', erasureId).executeTakeFirst();
  return { erasureId, redacted: applied?.events_redacted ?? 0, pending: applied?.pending ?? 0 };
}

type ExportHeld = OutputOf<'privacy.breaches'>['exports'][number];
type DeviceHeld = OutputOf<'privacy.breaches'>['devices'][number];

/** Every workstation of the office (each holds the whole log) and this one, by name where known. */
async function knownDevices(app: AppContext): Promise<DeviceHeld[]> {
  const rows = await app.db.selectFrom('device_keys').select(['device_id', 'name', 'revoked_at']).orderBy('registered_at').execute();
  const out = new Map<string, DeviceHeld>();
  for (const r of rows) if (!out.has(r.device_id)) out.set(r.device_id, { deviceId: r.device_id, name: r.name, revoked: r.revoked_at !== null });
  if (!out.has(app.deviceId)) out.set(app.deviceId, { deviceId: app.deviceId, name: 'Komputer ini', revoked: false });
  return [...out.values()];
}

/** The export register with the device each export was made on (the `report.exported` event's device). */
async function exportRegister(app: AppContext): Promise<ExportHeld[]> {
  const rows = await app.db
    .selectFrom('report_exports as r')
    .leftJoin('events as e', (j) => j.onRef('e.aggregate_id', '=', 'r.id').on('e.type', '=', 'report.exported'))
    .select(['r.id', 'r.month', 'r.format', 'r.file_name', 'r.exported_at', 'r.exported_by', 'r.operator', 'r.personal_data', 'r.visit_count', 'e.device_id'])
    .orderBy('r.exported_at', 'desc')
    .limit(1000)
    .execute();
  const names = await userNames(app.db, rows.map((r) => r.exported_by).filter((x): x is string => x !== null));
  const devices = new Map((await knownDevices(app)).map((d) => [d.deviceId, d.name]));
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    format: r.format,
    fileName: r.file_name,
    at: r.exported_at,
    byName: r.exported_by ? (names.get(r.exported_by) ?? r.operator) : r.operator,
    deviceId: r.device_id,
    deviceName: r.device_id ? (devices.get(r.device_id) ?? null) : null,
    personalData: r.personal_data === 1,
    visitCount: r.visit_count,
  }));
}

export const privacyHandlers = {
  async 'privacy.overview'(ctx: AuthedCallContext): Promise<OutputOf<'privacy.overview'>> {
    const { app } = ctx;
    const settings = await loadAggregateState<'settings'>(app.db, SETTINGS_AGGREGATE_ID);
    const months = settingOf(settings, 'retention_visitor_months');
    const cutoff = months === null ? null : retentionCutoff(app.now(), months);
    const due = cutoff === null ? 0 : (await dueSubjects(app, cutoff, 1)).total;
    const rows = await app.db
      .selectFrom('erasures as e')
      .leftJoin('erasure_applied as a', 'a.erasure_id', 'e.id')
      .select(['e.id', 'e.subject_id', 'e.reason', 'e.retention_months', 'e.note', 'e.visit_count', 'e.erased_at', 'e.actor_id', 'e.device_id', 'a.applied_at', 'a.events_redacted', 'a.pending'])
      .orderBy('e.erased_at', 'desc')
      .limit(200)
      .execute();
    const names = await userNames(app.db, rows.map((r) => r.actor_id).filter((x): x is string => x !== null));
    return {
      dpoName: settingOf(settings, 'dpo_name'),
      dpoContact: settingOf(settings, 'dpo_contact'),
      retentionMonths: months,
      dueCount: due,
      cutoff,
      erasures: rows.map((r) => ({
        id: r.id,
        subjectId: r.subject_id,
        reason: r.reason as 'retention' | 'request',
        retentionMonths: r.retention_months,
        note: r.note,
        visitCount: r.visit_count,
        at: r.erased_at,
        actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
        deviceId: r.device_id,
        appliedHere: r.applied_at === null ? null : { at: r.applied_at, redacted: r.events_redacted ?? 0, pending: r.pending ?? 0 },
      })),
    };
  },

  async 'privacy.setRetention'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.setRetention'>): Promise<OutputOf<'privacy.setRetention'>> {
    await recordEvents(ctx.app, ctx.session.userId, [{ type: 'settings.changed', aggregateId: SETTINGS_AGGREGATE_ID, payload: { key: 'retention_visitor_months', value: input.months } }]);
    return { months: input.months };
  },

  async 'privacy.findSubjects'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.findSubjects'>): Promise<OutputOf<'privacy.findSubjects'>> {
    const q = input.query.replace(/\s+/g, ' ');
    const digits = /^[\d\s.-]+$/.test(q) ? q.replace(/\D/g, '') : null;
    let query = subjectsQuery(ctx.app.db);
    if (digits !== null) query = query.where('p.nik', 'like', `${digits}%`);
    else query = query.where('p.name_norm', 'like', `%${normalizeName(q)}%`);
    const rows = (await query.orderBy('p.name').limit(50).execute()) as SubjectRow[];
    const full = canSeePersonalData(ctx.session.roles);
    return { subjects: rows.map((r) => toSubject(r, full)) };
  },

  async 'privacy.retentionDue'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.retentionDue'>): Promise<OutputOf<'privacy.retentionDue'>> {
    const months = await retentionMonths(ctx.app);
    if (months === null) return { months: null, cutoff: null, total: 0, subjects: [] };
    const cutoff = retentionCutoff(ctx.app.now(), months);
    const { total, rows } = await dueSubjects(ctx.app, cutoff, input.limit);
    const full = canSeePersonalData(ctx.session.roles);
    return { months, cutoff, total, subjects: rows.map((r) => toSubject(r, full)) };
  },

  async 'privacy.erase'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.erase'>): Promise<OutputOf<'privacy.erase'>> {
    const person = await ctx.app.db.selectFrom('persons').select(['id', 'name']).where('id', '=', input.personId).executeTakeFirst();
    if (!person) throw new AppError('not_found', 'Data pengunjung tidak ditemukan.');
    if (person.name === ERASED_NAME) throw new AppError('conflict', 'Data pribadi pengunjung ini sudah dihapus.');
    return eraseOne(ctx, input.personId, 'request', input.note, null);
  },

  async 'privacy.eraseExpired'(ctx: AuthedCallContext): Promise<OutputOf<'privacy.eraseExpired'>> {
    const months = await retentionMonths(ctx.app);
    if (months === null) throw new AppError('invalid_state', 'Masa retensi data pengunjung belum ditetapkan. Tetapkan dulu di Pengaturan › Data Pribadi.');
    const { rows } = await dueSubjects(ctx.app, retentionCutoff(ctx.app.now(), months), Number.MAX_SAFE_INTEGER);
    let redacted = 0;
    let pending = 0;
    for (const r of rows) {
      const o = await eraseOne(ctx, r.id, 'retention', null, months);
      redacted += o.redacted;
      pending += o.pending;
    }
    return { months, erased: rows.length, redacted, pending };
  },

  async 'privacy.subjectExport'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.subjectExport'>): Promise<OutputOf<'privacy.subjectExport'>> {
    const { app } = ctx;
    const { person, visits, events } = await subjectRecords(app, input.personId);
    const doc = {
      dokumen: 'Salinan data pribadi yang diproses (UU 27/2022 Pasal 7)',
      dibuatPada: new Date(app.now()).toISOString(),
      dibuatOleh: ctx.session.displayName,
      perangkat: app.deviceId,
      orang: person,
      kunjungan: visits,
      riwayat: events.map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })),
    };
    const day = witaDay(app.now());
    return { fileName: `data-pribadi-${input.personId.slice(0, 8)}-${day}.json`, json: JSON.stringify(doc, null, 2) };
  },

  async 'privacy.subjectExportPdf'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.subjectExportPdf'>): Promise<OutputOf<'privacy.subjectExportPdf'>> {
    const { app } = ctx;
    const { person, visits, events } = await subjectRecords(app, input.personId);
    const settings = await loadOfficeSettings(app);
    const catalogues = new Map<number, Catalogue>();
    const serviceName = async (v: (typeof visits)[number]): Promise<string> => {
      if (!v.service_code) return v.purpose_note ? `Lainnya: ${v.purpose_note}` : 'Lainnya';
      let c = catalogues.get(v.catalogue_version);
      if (!c) catalogues.set(v.catalogue_version, (c = await loadCatalogue(app, v.catalogue_version)));
      return findService(c, v.service_code)?.name ?? v.service_code;
    };
    // The notice given at the guest book is recorded with the visit (ADR 0019): read from its registration.
    const noticeAt = new Map<string, number | null>();
    for (const e of events) {
      if (e.type !== 'visit.registered') continue;
      const at = (JSON.parse(e.payload) as { privacyNoticeAt?: number | null }).privacyNoticeAt;
      noticeAt.set(e.aggregate_id, typeof at === 'number' ? at : null);
    }
    const names = await userNames(app.db, events.map((e) => e.actor_id ?? '').filter(Boolean));
    const vendor = person.vendor_id ? await app.db.selectFrom('vendors').select('name').where('id', '=', person.vendor_id).executeTakeFirst() : undefined;
    const data: SubjectExportData = {
      office: officeHeader(settings),
      person: { id: person.id, name: person.name, nik: person.nik, phone: person.phone, email: person.email, company: vendor?.name ?? null, erased: person.name === ERASED_NAME },
      visits: await Promise.all(
        visits.map(async (v) => ({
          arrivedAt: v.arrived_at,
          service: await serviceName(v),
          companyName: v.company_name,
          asProxy: v.visitor_role === 'proxy',
          receiptNo: v.receipt_no,
          status: visitStatusLabel(v.status, v.handed_over_to),
          noticeAt: noticeAt.get(v.id) ?? null,
        })),
      ),
      records: events.map((e) => ({ at: e.recorded_at, what: SUBJECT_EVENT_LABEL[e.type] ?? timelineLabel(e.type) ?? e.type, by: e.actor_id ? (names.get(e.actor_id) ?? null) : null, device: e.device_id })),
      requestedBy: ctx.session.displayName,
      deviceId: app.deviceId,
      meta: { printedAt: app.now(), copyNo: 1 },
    };
    const spec = layoutSpec('a4');
    let pdf: Buffer;
    try {
      pdf = await pdfRendererFor(app).render(renderSubjectExport(data), { pageSize: spec.pageSize, marginMm: spec.marginMm });
    } catch (err) {
      log.error('pdf_render_failed', { error: err instanceof Error ? err.message : String(err) });
      throw new AppError('internal', 'PDF tidak dapat dibuat: mesin cetak (Chromium) tidak tersedia atau gagal. Hubungi admin sistem.');
    }
    return { fileName: subjectExportFileName(person.id, witaDay(app.now())), base64: pdf.toString('base64'), bytes: pdf.length };
  },

  async 'privacy.breaches'(ctx: AuthedCallContext): Promise<OutputOf<'privacy.breaches'>> {
    const { app } = ctx;
    const now = app.now();
    const devices = await knownDevices(app);
    const exports = await exportRegister(app);
    const rows = await app.db.selectFrom('aggregates').select(['state']).where('type', '=', 'breach').execute();
    const states = rows.map((r) => JSON.parse(r.state ?? 'null') as BreachState | null).filter((b): b is BreachState => b !== null);
    const names = await userNames(app.db, states.map((b) => b.recordedBy).filter((x): x is string => x !== null));
    const enrolled = (await sql<{ n: number }>`SELECT count(*) AS n FROM sync_state WHERE key = 'serverUrl' AND value <> 'null'`.execute(app.db)).rows[0]?.n ?? 0;
    const living = await app.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '<>', ERASED_NAME).executeTakeFirstOrThrow();
    const breaches = [];
    for (const b of states.sort((x, y) => y.discoveredAt - x.discoveredAt)) {
      const held = exports.filter((e) => b.exportIds.includes(e.id));
      let affected: number;
      let months: Set<string> | null;
      if (b.deviceIds.length > 0) {
        // A workstation holds the office's whole log: everyone whose data is not erased.
        affected = Number(living.n);
        months = null;
      } else {
        months = new Set(held.filter((e) => e.personalData).map((e) => e.month));
        const r =
          months.size === 0
            ? { n: 0 }
            : await app.db
                .selectFrom('visits as v')
                .innerJoin('persons as p', 'p.id', 'v.person_id')
                .select((eb) => eb.fn.count<number>('v.person_id').distinct().as('n'))
                .where('p.name', '<>', ERASED_NAME)
                .where((eb) => eb.or([...months!].map((m) => eb('v.day', 'like', `${m}-%`))))
                .executeTakeFirstOrThrow();
        affected = Number(r.n);
      }
      const clock = breachClock(b, now);
      breaches.push({
        id: b.id,
        title: b.title,
        description: b.description,
        discoveredAt: b.discoveredAt,
        recordedByName: b.recordedBy ? (names.get(b.recordedBy) ?? null) : null,
        deadline: clock.deadline,
        remainingMs: clock.remainingMs,
        late: clock.late,
        notifiedSubjectsAt: b.notifiedSubjectsAt,
        notifiedAuthorityAt: b.notifiedAuthorityAt,
        closedAt: b.closedAt,
        devices: b.deviceIds.map((id) => devices.find((d) => d.deviceId === id) ?? { deviceId: id, name: null, revoked: false }),
        exports: held,
        affectedVisitors: affected,
        alsoHeldBy: {
          devices,
          server: Number(enrolled) > 0,
          exports: exports.filter((e) => e.personalData && (months === null || months.has(e.month))),
        },
      });
    }
    return { breaches, devices, exports };
  },

  async 'privacy.recordBreach'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.recordBreach'>): Promise<OutputOf<'privacy.recordBreach'>> {
    const { app } = ctx;
    if (input.discoveredAt > app.now() + 60_000) throw new AppError('invalid_input', 'Waktu diketahuinya insiden tidak boleh di masa depan.');
    const breachId = uuidv7(app.now());
    await recordEvents(app, ctx.session.userId, [{ type: 'breach.recorded', aggregateId: breachId, payload: { ...input } }]);
    return { breachId };
  },

  async 'privacy.notifyBreach'(ctx: AuthedCallContext, input: ParsedInputOf<'privacy.notifyBreach'>): Promise<OutputOf<'privacy.notifyBreach'>> {
    const { app } = ctx;
    const row = await app.db.selectFrom('aggregates').select('type').where('id', '=', input.breachId).executeTakeFirst();
    if (row?.type !== 'breach') throw new AppError('not_found', 'Insiden tidak ditemukan.');
    await recordEvents(app, ctx.session.userId, [{ type: 'breach.notified', aggregateId: input.breachId, payload: { at: app.now(), recipient: input.recipient, note: input.note || null } }]);
    return { breachId: input.breachId };
  },
};

/** What the person's copy of their data lists: their row, their visits, every event of those aggregates. */
async function subjectRecords(app: AppContext, personId: string) {
  const person = await app.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('not_found', 'Data pengunjung tidak ditemukan.');
  const visits = await app.db.selectFrom('visits').selectAll().where('person_id', '=', personId).orderBy('arrived_at').execute();
  const ids = [personId, ...visits.map((v) => v.id)];
  const events = await app.db
    .selectFrom('events')
    .select(['id', 'type', 'aggregate_id', 'hlc', 'device_id', 'actor_id', 'recorded_at', 'payload'])
    .where('aggregate_id', 'in', ids)
    .orderBy('hlc')
    .execute();
  return { person, visits, events };
}

/** The person's own events, worded for their copy (the visit's events use the visit screen's words). */
const SUBJECT_EVENT_LABEL: Record<string, string> = {
  'person.registered': 'Data pemohon dicatat',
  'person.updated': 'Data pemohon diperbarui',
};
