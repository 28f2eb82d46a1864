/**
 * Read queries: plain functions taking the executor first (`Exec`, db/exec.ts), so one function serves the database and a transaction.
 */
import { sql, type Selectable } from 'kysely';
import type { Catalogue } from '../domain/catalogue/types';
import { normalizeName } from './projections';
import { prepared } from './prepared';
import type { PersonsTable, VendorsTable, VisitsTable } from './schema';
import type { Exec } from './exec';

export type VendorRow = Selectable<VendorsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type VisitDbRow = Selectable<VisitsTable>;

/**
 * The catalogue version in force on `day` (WITA, YYYY-MM-DD): the highest published version whose effective
 * date has come (issue 14). A version published for a later date changes nothing before it; on its date it
 * applies on every PC holding it, since each reads its own clock.
 */
export async function activeCatalogueVersion(db: Exec, day: string): Promise<number> {
  const r = await activeVersion.first(db, { day });
  return Number(r?.v ?? 0);
}

// Read on most requests (the desk's units, a registration, the catalogue screen): built and compiled once.
const activeVersion = prepared((db, p: { day: string }) => db.selectFrom('catalogue_versions').select((eb) => eb.fn.max('version').as('v')).where('effective_from', '<=', p.day));
const latestVersion = prepared((db) => db.selectFrom('catalogue_versions').select((eb) => eb.fn.max('version').as('v')));

/** The highest version published, in force or not (the next draft is numbered after it). */
export async function latestCatalogueVersion(db: Exec): Promise<number> {
  const r = await latestVersion.first(db, {});
  return Number(r?.v ?? 0);
}

/** How many staff accounts this PC holds (0 before the first-run setup or before joining an office). */
export async function countUsers(db: Exec): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function catalogueBody(db: Exec, version: number): Promise<Catalogue | null> {
  const r = await db.selectFrom('catalogue_versions').select('body').where('version', '=', version).executeTakeFirst();
  return r ? (JSON.parse(r.body) as Catalogue) : null;
}

/** Digits only, for NPWP/NIK prefix search; null when the query is not a number. */
export function digitQuery(q: string): string | null {
  const stripped = q.replace(/[\s.\-/]/g, '');
  return /^\d+$/.test(stripped) ? stripped : null;
}

/** Upper bound for a prefix range scan: "0131" → "0132" (digits and lowercase ASCII only). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Type-ahead over vendors: a number searches the NPWP by prefix, text searches any fragment of the name
 * (trigram full-text index; a fragment shorter than three letters matches the start of the name).
 */
// The type-ahead's statements, built and compiled once (db/prepared.ts): it runs on every keystroke.
type Range = { from: string; to: string; limit: number };
const vendorsByNpwp = prepared((db, p: Range) => db.selectFrom('vendors').selectAll().where('npwp', '>=', p.from).where('npwp', '<', p.to).orderBy('npwp').limit(p.limit));
const vendorsByName = prepared((db, p: Range) => db.selectFrom('vendors').selectAll().where('name_norm', '>=', p.from).where('name_norm', '<', p.to).orderBy('name_norm').limit(p.limit));
const personsByNik = prepared((db, p: Range) => db.selectFrom('persons').selectAll().where('nik', '>=', p.from).where('nik', '<', p.to).orderBy('nik').limit(p.limit));
const personsByName = prepared((db, p: Range) => db.selectFrom('persons').selectAll().where('name_norm', '>=', p.from).where('name_norm', '<', p.to).orderBy('name_norm').limit(p.limit));

export async function searchVendors(db: Exec, query: string, limit = 10): Promise<VendorRow[]> {
  const digits = digitQuery(query);
  if (digits !== null) {
    if (digits.length < 2) return [];
    return vendorsByNpwp.all(db, { from: digits, to: prefixEnd(digits), limit });
  }
  const norm = normalizeName(query);
  if (norm.length === 0) return [];
  // Names typed from the start ("cv sumber…") are answered by the name index in microseconds; only when that
  // leaves room does the trigram index look for the fragment anywhere in the name. Typing from the start is
  // the common case, and its first trigrams ("cv ", "pt ") match most rows, which is the slow case for FTS.
  const byPrefix = await vendorsByName.all(db, { from: norm, to: prefixEnd(norm), limit });
  if (byPrefix.length >= limit || norm.length < 3) return byPrefix;
  const phrase = `"${norm.replace(/"/g, '""')}"`;
  const seen = new Set(byPrefix.map((v) => v.id));
  const r = await sql<VendorRow>`SELECT v.* FROM vendors_fts f JOIN vendors v ON v.rowid = f.rowid
                                 WHERE vendors_fts MATCH ${phrase} LIMIT ${limit + byPrefix.length}`.execute(db);
  const fragment = r.rows.filter((v) => !seen.has(v.id)).sort((a, b) => a.name_norm.localeCompare(b.name_norm));
  return [...byPrefix, ...fragment].slice(0, limit);
}

/** Visitors by NIK prefix or by the start of their name. */
export async function searchPersons(db: Exec, query: string, limit = 10): Promise<PersonRow[]> {
  const digits = digitQuery(query);
  if (digits !== null) {
    if (digits.length < 2) return [];
    return personsByNik.all(db, { from: digits, to: prefixEnd(digits), limit });
  }
  const norm = normalizeName(query);
  if (norm.length < 2) return [];
  return personsByName.all(db, { from: norm, to: prefixEnd(norm), limit });
}

// A list of ids bound as one JSON array (json_each), so the statement is prepared once whatever the count.
const returnedVisitCounts = prepared((db, p: { ids: string }) =>
  db
    .selectFrom('visits')
    .select(['vendor_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(sql<boolean>`vendor_id IN (SELECT value FROM json_each(${p.ids}))`)
    .where(sql<string>`+status`, '=', 'returned')
    .groupBy('vendor_id'),
);

export async function openReturnedVisitCounts(db: Exec, vendorIds: string[]): Promise<Map<string, number>> {
  if (vendorIds.length === 0) return new Map();
  // `+status`: SQLite's planner (3.53, no statistics) otherwise walks every returned visit through the
  // status index and looks each one up (50 ms on the bench's 110,000 visits, on every keystroke of the
  // type-ahead) instead of the few visits of these ten companies through the vendor index (0.1 ms). The
  // unary plus is SQLite's documented way to keep a term from choosing an index (sqlite.org/optoverview.html).
  const rows = await returnedVisitCounts.all(db, { ids: JSON.stringify(vendorIds) });
  return new Map(rows.map((r) => [r.vendor_id ?? '', Number(r.n)]));
}

const vendorNamesByIds = prepared((db, p: { ids: string }) => db.selectFrom('vendors').select(['id', 'name']).where(sql<boolean>`id IN (SELECT value FROM json_each(${p.ids}))`));

/** Companies' names by id (the companies of the visitors a type-ahead found). */
export async function vendorNames(db: Exec, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await vendorNamesByIds.all(db, { ids: JSON.stringify(ids) })).map((r) => [r.id, r.name]));
}

export interface VisitListFilter {
  day?: string;
  /** Every day instead of `day`. */
  anyDay?: boolean;
  status?: string;
  statuses?: readonly string[];
  query?: string;
  limit: number;
}

export async function listVisits(db: Exec, f: VisitListFilter): Promise<VisitDbRow[]> {
  let q = db.selectFrom('visits').selectAll();
  if (f.day && !f.anyDay) q = q.where('day', '=', f.day);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
  if (f.query) {
    const like = `%${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`visitor_name LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`company_name LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`receipt_no LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  return q.orderBy('arrived_at', 'desc').limit(f.limit).execute();
}

export async function countVisitsByStatus(db: Exec, day: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('visits').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('day', '=', day).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

const allUserNames = prepared((db) => db.selectFrom('users').select(['id', 'display_name']));

/**
 * Display names of staff, by id. An office has tens of staff accounts, so one prepared read of the whole
 * table is cheaper than building an IN list per call.
 */
export async function userNames(db: Exec, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const wanted = new Set(ids);
  const out = new Map<string, string>();
  for (const r of await allUserNames.all(db, {})) if (wanted.has(r.id)) out.set(r.id, r.display_name);
  return out;
}

/** Next number in a per-device, per-day counter kept in `meta` (receipt numbers). */
export async function nextCounter(db: Exec, key: string): Promise<number> {
  const r = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  const n = (r ? Number(r.value) : 0) + 1;
  await db
    .insertInto('meta')
    .values({ key, value: String(n) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(n) }))
    .execute();
  return n;
}

export async function getMeta(db: Exec, key: string): Promise<string | null> {
  const r = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

export async function setMeta(db: Exec, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

const vendorsBySpseUserId = prepared((db, p: { a: string; aEnd: string; b: string; bEnd: string; c: string; cEnd: string; limit: number }) =>
  db
    .selectFrom('vendors')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('spse_user_id', '>=', p.a), eb('spse_user_id', '<', p.aEnd)]),
        eb.and([eb('spse_user_id', '>=', p.b), eb('spse_user_id', '<', p.bEnd)]),
        eb.and([eb('spse_user_id', '>=', p.c), eb('spse_user_id', '<', p.cEnd)]),
      ]),
    )
    .orderBy('spse_user_id')
    .limit(p.limit),
);

/**
 * Vendors whose SPSE User ID (recorded by service 1 or 5, issue 14) starts with what was typed, exactly as
 * typed and in lower and upper case (SPSE user names are usually written in one case). Uses the partial
 * index `vendors_by_spse_user_id` (migration 011); at least 3 characters.
 */
export async function searchVendorsBySpseUserId(db: Exec, query: string, limit = 10): Promise<VendorRow[]> {
  const q = query.trim();
  if (q.length < 3 || /\s/.test(q)) return [];
  // Always the three ranges (one prepared statement): a repeated range adds no row (SQLite's OR of indexes
  // unites rowids).
  const forms = [q, q.toLowerCase(), q.toUpperCase()];
  return vendorsBySpseUserId.all(db, {
    a: forms[0]!,
    aEnd: prefixEnd(forms[0]!),
    b: forms[1]!,
    bEnd: prefixEnd(forms[1]!),
    c: forms[2]!,
    cEnd: prefixEnd(forms[2]!),
    limit,
  });
}
