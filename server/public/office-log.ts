/**
 * What the public pages need to know about an office, read from the office's own log with the workstations'
 * reducers (ADR 0004 §1: the server keeps the log, not projections): its name, address and logo (settings),
 * its services (catalogue), its working-day calendar (so a complaint's deadlines are counted exactly as the
 * counter counts them, provisional years included), and one complaint's state for its status page. The two
 * seed events every workstation writes itself (catalogue, calendar; migrations 002–003) are never synced,
 * so they are rebuilt here from the same constants and data and folded first, as on every PC.
 *
 * Every event the server holds was checked for its author's signature when it arrived (server/trust.ts).
 * Whether its actor was allowed to record it is part of the fold (ADR 0011): the events are judged here with
 * the same rules as on every PC (`judgeEvent`, `computeAuthority` over the office's account events), so a
 * step recorded by an account without the right (a helpdesk officer "answering" a complaint, a forged
 * calendar change) shows on the public pages no more than at the counter.
 */
import type { Kysely } from 'kysely';
import { provisionalSource } from '../../domain/time/holiday-library';
// The two seed events every PC writes in its migrations are folded here too, from the same constants (see above).
// eslint-disable-next-line no-restricted-imports -- the seed's identity and payload must be the workstations' own
import { SEED_CATALOGUE_EVENT_ID } from '../../db/migrations/002-seed-catalogue';
// eslint-disable-next-line no-restricted-imports -- as above
import { SEED_CALENDAR_EVENT_ID, seedCalendarPayload } from '../../db/migrations/003-desks';
import { foldAggregate } from '../../domain/aggregates';
import { toWorkCalendar } from '../../domain/aggregates/calendar';
import type { ComplaintState } from '../../domain/aggregates/complaint';
import { settingOf } from '../../domain/aggregates/settings';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import type { Catalogue } from '../../domain/catalogue/types';
import { fromEnvelopeRow } from '../../domain/events/codec';
import type { StoredEvent } from '../../domain/events/schema';
import { computeAuthority, isAccountEvent, judgeEvent, SEED_DEVICE_ID } from '../../domain/permissions';
import type { WorkCalendar } from '../../domain/time/calendar';
import type { ServerDB } from '../schema';
import type { PageOffice } from './page';

/** The fixed clock and device of the seed events (migrations 002 and 003). */
export const SEED_HLC = '001543334400000-00000';
export const SEED_AT = 1543334400000;

export function seedCatalogueEvent(): StoredEvent {
  return {
    id: SEED_CATALOGUE_EVENT_ID,
    hlc: SEED_HLC,
    deviceId: SEED_DEVICE_ID,
    actorId: null,
    type: 'catalogue.published',
    aggregateType: 'catalogue',
    aggregateId: 'catalogue',
    payload: { version: PERWALI_67_2018.version, catalogue: PERWALI_67_2018, note: 'Katalog awal sesuai Lampiran Perwali Banjarmasin Nomor 67 Tahun 2018' },
    schemaVersion: 1,
    recordedAt: SEED_AT,
  };
}

export function seedCalendarEvent(): StoredEvent {
  return {
    id: SEED_CALENDAR_EVENT_ID,
    hlc: SEED_HLC,
    deviceId: SEED_DEVICE_ID,
    actorId: null,
    type: 'calendar.imported',
    aggregateType: 'calendar',
    aggregateId: 'calendar',
    payload: seedCalendarPayload(),
    schemaVersion: 1,
    recordedAt: SEED_AT,
  };
}

export interface PublicOffice {
  id: string;
  name: string;
  slug: string;
}

/** The office whose public pages are at this slug and switched on, or null (both read as "not found"). */
export async function publicOfficeBySlug(db: Kysely<ServerDB>, slug: string): Promise<PublicOffice | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return null;
  const r = await db.selectFrom('offices').select(['id', 'name', 'public_slug', 'public_forms']).where('public_slug', '=', slug).executeTakeFirst();
  if (!r || r.public_forms !== 1 || !r.public_slug) return null;
  return { id: r.id, name: r.name, slug: r.public_slug };
}

const EVENT_COLUMNS = ['id', 'hlc', 'device_id', 'actor_id', 'type', 'aggregate_type', 'aggregate_id', 'payload', 'schema_version', 'recorded_at', 'prev', 'signature'] as const;

/**
 * An aggregate's events in the office's log that count: those allowed by the permission rules as of each
 * event (denied ones stay in the log, unfolded, as on every PC).
 */
export async function aggregateEvents(db: Kysely<ServerDB>, officeId: string, aggregateId: string): Promise<StoredEvent[]> {
  const [rows, accounts] = await Promise.all([
    db.selectFrom('events').select(EVENT_COLUMNS).where('office_id', '=', officeId).where('aggregate_id', '=', aggregateId).execute(),
    db.selectFrom('events').select(EVENT_COLUMNS).where('office_id', '=', officeId).where('aggregate_type', '=', 'user').execute(),
  ]);
  const { authority, denied } = computeAuthority(accounts.map(fromEnvelopeRow));
  return rows.map(fromEnvelopeRow).filter((e) => (isAccountEvent(e) ? !denied.has(e.id) : judgeEvent(e, authority) === null));
}

export async function officeHeader(db: Kysely<ServerDB>, office: PublicOffice): Promise<PageOffice> {
  const s = foldAggregate('settings', await aggregateEvents(db, office.id, 'settings'));
  // Only what the office set itself: the app's defaults describe one particular unit, and this server may
  // serve several offices. An office that never named itself is shown by the name it was created with.
  const set = s?.values ?? {};
  return {
    name: set.office_name ? settingOf(s, 'office_name') : office.name,
    address: set.office_address ? settingOf(s, 'office_address') || null : null,
    contact: set.office_contact ? settingOf(s, 'office_contact') : null,
    logoDataUrl: set.office_logo ? settingOf(s, 'office_logo') : null,
  };
}

export async function officeCatalogue(db: Kysely<ServerDB>, officeId: string): Promise<Catalogue> {
  const state = foldAggregate('catalogue', [seedCatalogueEvent(), ...(await aggregateEvents(db, officeId, 'catalogue'))]);
  return state?.versions[String(state.activeVersion)]?.catalogue ?? PERWALI_67_2018;
}

export async function officeCalendar(db: Kysely<ServerDB>, officeId: string): Promise<WorkCalendar> {
  const [provisional, events] = await Promise.all([provisionalSource(), aggregateEvents(db, officeId, 'calendar')]);
  const state = foldAggregate('calendar', [seedCalendarEvent(), ...events]);
  return toWorkCalendar(state!, provisional);
}

export async function complaintState(db: Kysely<ServerDB>, officeId: string, aggregateId: string): Promise<ComplaintState | null> {
  return foldAggregate('complaint', await aggregateEvents(db, officeId, aggregateId));
}
