/**
 * Projectors turn an aggregate's folded state into query rows. They receive the state before and after, so
 * a counter action writes only what changed (one checklist row, not the whole checklist).
 */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { AggregateStates, KnownAggregate } from '../domain/aggregates';
import { witaIsoDate } from '../domain/time/wita';
import { prepared, preparedByShape } from './prepared';
import type { PersonsTable, VendorsTable, VisitItemsTable, VisitReturnsTable, VisitsTable } from './schema';
import { deskColumns, projectCalendar, projectOutage } from './projections-desk';
import type { Exec } from './exec';
import { projectSurveyPlan, projectSurveyResponse, projectSurveyToken } from './projections-survey';
import { projectComplaint, projectSuggestion } from './projections-complaints';
import { projectQueueTicket } from './projections-queue';

export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export async function project<K extends KnownAggregate>(
  tx: Exec,
  type: K,
  id: string,
  prev: AggregateStates[K] | null,
  next: AggregateStates[K] | null,
): Promise<void> {
  switch (type) {
    case 'vendor':
      return projectVendor(tx, id, prev as AggregateStates['vendor'] | null, next as AggregateStates['vendor'] | null);
    case 'person':
      return projectPerson(tx, id, next as AggregateStates['person'] | null);
    case 'visit':
      return projectVisit(tx, id, prev as AggregateStates['visit'] | null, next as AggregateStates['visit'] | null);
    case 'user':
      return projectUser(tx, id, next as AggregateStates['user'] | null);
    case 'catalogue':
      return projectCatalogue(tx, prev as AggregateStates['catalogue'] | null, next as AggregateStates['catalogue'] | null);
    case 'calendar':
      return projectCalendar(tx, prev as AggregateStates['calendar'] | null, next as AggregateStates['calendar'] | null);
    case 'settings':
    case 'catalogue_draft':
    case 'maklumat':
      return; // one small row: readers load the folded state from `aggregates`
    case 'report_export':
      return projectReportExport(tx, next as AggregateStates['report_export'] | null);
    case 'device':
      return projectDevice(tx, next as AggregateStates['device'] | null);
    case 'outage':
      return projectOutage(tx, id, next as AggregateStates['outage'] | null);
    case 'complaint':
      return projectComplaint(tx, id, next as AggregateStates['complaint'] | null);
    case 'suggestion':
      return projectSuggestion(tx, id, next as AggregateStates['suggestion'] | null);
    case 'survey_response':
      return projectSurveyResponse(tx, id, prev as AggregateStates['survey_response'] | null, next as AggregateStates['survey_response'] | null);
    case 'survey_token':
      return projectSurveyToken(tx, next as AggregateStates['survey_token'] | null);
    case 'survey_plan':
      return projectSurveyPlan(tx, next as AggregateStates['survey_plan'] | null);
    case 'queue_ticket':
      return projectQueueTicket(tx, id, prev as AggregateStates['queue_ticket'] | null, next as AggregateStates['queue_ticket'] | null);
    case 'erasure':
      return projectErasure(tx, next as AggregateStates['erasure'] | null);
    case 'breach':
      return; // a handful of rows: readers load the folded states from `aggregates`
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

// Prepared (built and compiled once; run directly on the connection inside an owned transaction): a
// synced page or the demo-data generator projects thousands of vendors, persons and visits, and building
// each statement anew cost more than running it (issue 17).
const vendorRowid = prepared((db, p: { id: string }) => db.selectFrom('vendors').select(sql<number>`rowid`.as('rowid')).where('id', '=', p.id));

type VendorColumns = Omit<Selectable<VendorsTable>, 'id'>;

// Without RETURNING: inside a long transaction (a bulk page) an INSERT … RETURNING run through
// better-sqlite3 cost ~0.3 ms against ~0.02 ms for the plain insert and a rowid lookup (issue 17).
const insertVendor = prepared((db, p: Selectable<VendorsTable>) =>
  db.insertInto('vendors').values({ id: p.id, name: p.name, name_norm: p.name_norm, legal_form: p.legal_form, npwp: p.npwp, address: p.address, email: p.email, phone: p.phone, leader_name: p.leader_name, updated_at: p.updated_at }),
);

const updateVendor = prepared((db, p: Selectable<VendorsTable>) =>
  db
    .updateTable('vendors')
    .set({
      name: p.name,
      name_norm: p.name_norm,
      legal_form: p.legal_form,
      npwp: p.npwp,
      address: p.address,
      email: p.email,
      phone: p.phone,
      leader_name: p.leader_name,
      updated_at: p.updated_at,
      spse_user_id: p.spse_user_id,
      spse_user_state: p.spse_user_state,
    })
    .where('id', '=', p.id),
);

/** Raw SQL as a prepared query (its `${p.name}` markers become bound parameters). */
function rawStatement<P extends object>(text: (p: P) => RawBuilder<unknown>) {
  return prepared((db, p: P) => ({ compile: () => text(p).compile(db) }));
}

const insertVendorFts = rawStatement((p: { rowid: number; name_norm: string }) => sql`INSERT INTO vendors_fts (rowid, name_norm) VALUES (${p.rowid}, ${p.name_norm})`);
const deleteVendorFts = rawStatement((p: { rowid: number }) => sql`DELETE FROM vendors_fts WHERE rowid = ${p.rowid}`);

async function projectVendor(tx: Exec, id: string, prev: AggregateStates['vendor'] | null, v: AggregateStates['vendor'] | null) {
  if (!v) return;
  const nameNorm = normalizeName(v.name);
  const existing = await vendorRowid.first(tx, { id });
  const row: Selectable<VendorsTable> = {
    id,
    name: v.name,
    name_norm: nameNorm,
    legal_form: v.legalForm,
    npwp: v.npwp,
    address: v.address,
    email: v.email,
    phone: v.phone,
    leader_name: v.leaderName,
    updated_at: v.updatedAt,
    spse_user_id: v.spseUserId ?? null,
    spse_user_state: v.spseUserState ?? null,
  } satisfies VendorColumns & { id: string };
  if (!existing) {
    await insertVendor.run(tx, row);
    const inserted = await vendorRowid.first(tx, { id });
    await insertVendorFts.run(tx, { rowid: Number(inserted!.rowid), name_norm: nameNorm });
    return;
  }
  await updateVendor.run(tx, row);
  if (!prev || normalizeName(prev.name) !== nameNorm) {
    const rowid = Number(existing.rowid);
    await deleteVendorFts.run(tx, { rowid });
    await insertVendorFts.run(tx, { rowid, name_norm: nameNorm });
  }
}

const upsertPerson = prepared((db, p: Selectable<PersonsTable>) =>
  db
    .insertInto('persons')
    .values({ id: p.id, name: p.name, name_norm: p.name_norm, nik: p.nik, phone: p.phone, email: p.email, vendor_id: p.vendor_id, updated_at: p.updated_at })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_norm: eb.ref('excluded.name_norm'),
        nik: eb.ref('excluded.nik'),
        phone: eb.ref('excluded.phone'),
        email: eb.ref('excluded.email'),
        vendor_id: eb.ref('excluded.vendor_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    ),
);

async function projectPerson(tx: Exec, id: string, p: AggregateStates['person'] | null) {
  if (!p) return;
  await upsertPerson.run(tx, { id, name: p.name, name_norm: normalizeName(p.name), nik: p.nik, phone: p.phone, email: p.email, vendor_id: p.vendorId, updated_at: p.updatedAt });
}

/** The WITA date of an instant (the visit's day); one implementation, in domain/time/wita.ts. */
export function witaDay(ms: number): string {
  return witaIsoDate(ms);
}

type VisitColumns = ReturnType<typeof computeVisitRow>;

const updateVisitColumns = preparedByShape((shape) => {
  const columns = shape.split(',') as (keyof VisitColumns)[];
  return (db, p: { id: string } & Partial<VisitColumns>) =>
    db
      .updateTable('visits')
      .set(Object.fromEntries(columns.map((c) => [c, p[c]])))
      .where('id', '=', p.id);
});

/** A whole `visits` row, inserted or replaced (a new visit, or one folded again); the shape is the row's columns. */
const upsertVisit = preparedByShape((shape) => {
  const columns = shape.split(',') as (keyof VisitColumns)[];
  return (db, p: { id: string } & VisitColumns) =>
    db
      .insertInto('visits')
      .values({ id: p.id, ...Object.fromEntries(columns.map((c) => [c, p[c]])) } as Selectable<VisitsTable>)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))));
});

const deleteVisitReturns = prepared((db, p: { visit_id: string }) => db.deleteFrom('visit_returns').where('visit_id', '=', p.visit_id));

const insertVisitReturn = prepared((db, p: Omit<Selectable<VisitReturnsTable>, never>) =>
  db.insertInto('visit_returns').values({
    visit_id: p.visit_id,
    return_no: p.return_no,
    returned_at: p.returned_at,
    item_code: p.item_code,
    label: p.label,
    reason: p.reason,
  }),
);

const upsertVisitItem = prepared((db, p: Selectable<VisitItemsTable>) =>
  db
    .insertInto('visit_items')
    .values({
      visit_id: p.visit_id,
      item_code: p.item_code,
      original_seen: p.original_seen,
      copy_received: p.copy_received,
      valid_until: p.valid_until,
      meterai_ok: p.meterai_ok,
      not_brought: p.not_brought,
      note: p.note,
      marked_at: p.marked_at,
      marked_by: p.marked_by,
    })
    .onConflict((oc) =>
      oc.columns(['visit_id', 'item_code']).doUpdateSet((eb) => ({
        original_seen: eb.ref('excluded.original_seen'),
        copy_received: eb.ref('excluded.copy_received'),
        valid_until: eb.ref('excluded.valid_until'),
        meterai_ok: eb.ref('excluded.meterai_ok'),
        not_brought: eb.ref('excluded.not_brought'),
        note: eb.ref('excluded.note'),
        marked_at: eb.ref('excluded.marked_at'),
        marked_by: eb.ref('excluded.marked_by'),
      })),
    ),
);

/**
 * The `visits` row of a visit's state (every column but the id). States are immutable, so each one's row
 * is computed once: an action's projection diffs the previous state's row (computed by the action before)
 * against the new one, and its answer reuses the new one. Callers must not mutate the returned row.
 */
export function visitRow(v: AggregateStates['visit']): Readonly<VisitColumns> {
  let row = visitRows.get(v);
  if (!row) {
    row = computeVisitRow(v);
    visitRows.set(v, row);
  }
  return row;
}

const visitRows = new WeakMap<AggregateStates['visit'], VisitColumns>();

function computeVisitRow(v: AggregateStates['visit']) {
  return {
    day: witaDay(v.arrivedAt),
    arrived_at: v.arrivedAt,
    person_id: v.personId,
    vendor_id: v.vendorId,
    visitor_name: v.visitorName,
    company_name: v.companyName,
    visitor_role: v.visitorRole,
    service_code: v.serviceCode,
    purpose_note: v.purposeNote,
    catalogue_version: v.catalogueVersion,
    status: v.status,
    checklist_started_at: v.checklistStartedAt,
    returned_count: v.returns.length,
    handed_over_at: v.handedOverAt,
    handed_over_to: v.handedOverTo,
    receipt_no: v.receiptNo,
    discretion: v.discretionItems.length > 0 ? 1 : 0,
    closed_at: v.closedAt,
    updated_at: v.updatedAt,
    ...deskColumns(v),
  };
}

async function projectVisit(tx: Exec, id: string, prev: AggregateStates['visit'] | null, v: AggregateStates['visit'] | null) {
  if (!v) return;
  const row = visitRow(v);
  // A counter action changes one or two columns. Setting only those lets SQLite leave the table's eight
  // indexes alone (it rewrites every index whose columns appear in SET), which halves the pages a commit
  // writes and syncs.
  const before = prev ? visitRow(prev) : null;
  const changed = before ? (Object.keys(row) as (keyof typeof row)[]).filter((k) => row[k] !== before[k]) : null;
  if (changed && changed.length === 0) {
    // nothing in the row changed (e.g. a note); the checklist rows below may still have
  } else if (changed) {
    // The set of changed columns is the statement's shape: a handful of shapes cover every action.
    const values = Object.fromEntries(changed.map((k) => [k, row[k]])) as Partial<VisitColumns>;
    const updated = await updateVisitColumns(changed.join(',')).run(tx, { id, ...values });
    if (updated === 0) await tx.insertInto('visits').values({ id, ...row }).execute();
  } else {
    await upsertVisit(Object.keys(row).join(',')).run(tx, { id, ...row });
  }

  // A mark is replaced as a whole, so identity is the change test: usually one row per action.
  for (const m of Object.values(v.marks)) {
    if (prev?.marks[m.itemCode] === m) continue;
    await upsertVisitItem.run(tx, {
      visit_id: id,
      item_code: m.itemCode,
      original_seen: m.originalSeen ? 1 : 0,
      copy_received: m.copyReceived ? 1 : 0,
      valid_until: m.validUntil,
      meterai_ok: m.meteraiOk ? 1 : 0,
      not_brought: m.notBrought ? 1 : 0,
      note: m.note,
      marked_at: m.at,
      marked_by: m.by,
    });
  }
  // The reducer keeps the array's identity unless a return was added, so identity is the change test.
  if (v.returns !== prev?.returns && (v.returns.length > 0 || (prev?.returns.length ?? 0) > 0)) {
    await deleteVisitReturns.run(tx, { visit_id: id });
    for (const [i, r] of v.returns.entries()) {
      for (const m of r.missing) {
        await insertVisitReturn.run(tx, { visit_id: id, return_no: i + 1, returned_at: r.at, item_code: m.itemCode, label: m.label, reason: m.reason });
      }
    }
  }
}

async function projectUser(tx: Exec, id: string, u: AggregateStates['user'] | null) {
  if (!u) return;
  const row = {
    username: u.username,
    display_name: u.displayName,
    roles: JSON.stringify(u.roles),
    password_hash: u.passwordHash,
    active: u.active ? 1 : 0,
    updated_at: u.updatedAt,
  };
  await tx
    .insertInto('users')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

async function projectReportExport(tx: Exec, r: AggregateStates['report_export'] | null) {
  if (!r) return;
  const row = {
    exported_at: r.at,
    exported_by: r.by,
    month: r.month,
    format: r.format,
    personal_data: r.personalData ? 1 : 0,
    visit_count: r.visitCount,
    file_name: r.fileName,
    sha256: r.sha256,
    via: r.via,
    operator: r.operator ?? null,
  };
  await tx.insertInto('report_exports').values({ id: r.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}

async function projectDevice(tx: Exec, d: AggregateStates['device'] | null) {
  if (!d) return;
  for (const [keyId, k] of Object.entries(d.keys)) {
    const row = {
      device_id: d.id,
      public_key: k.publicKey,
      name: k.name,
      registered_at: k.registeredAt,
      revoked_at: k.revokedAt,
      revoked_after_seq: k.revokedAfterSeq,
    };
    await tx.insertInto('device_keys').values({ key_id: keyId, ...row }).onConflict((oc) => oc.column('key_id').doUpdateSet(row)).execute();
  }
}

async function projectCatalogue(tx: Exec, prev: AggregateStates['catalogue'] | null, c: AggregateStates['catalogue'] | null) {
  if (!c) return;
  for (const [version, v] of Object.entries(c.versions)) {
    if (prev?.versions[version] === v) continue;
    const row = { body: JSON.stringify(v.catalogue), published_at: v.publishedAt, published_by: v.publishedBy, note: v.note, effective_from: v.catalogue.effectiveFrom };
    await tx
      .insertInto('catalogue_versions')
      .values({ version: Number(version), ...row })
      .onConflict((oc) => oc.column('version').doUpdateSet(row))
      .execute();
  }
}

/** The erasure register (ADR 0019): one row per `subject.erased`, naming the subject by id only. */
async function projectErasure(tx: Exec, r: AggregateStates['erasure'] | null) {
  if (!r) return;
  const row = {
    subject_kind: r.subjectKind,
    subject_id: r.subjectId,
    reason: r.reason,
    retention_months: r.retentionMonths,
    note: r.note,
    visit_count: r.visitCount,
    erased_at: r.at,
    actor_id: r.by,
    device_id: r.deviceId,
    event_key: r.key,
  };
  await tx.insertInto('erasures').values({ id: r.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}
