/**
 * Every event type the app records, each with a zod schema for its payload and a schema version.
 * Synced payloads are append-only contracts: fields are never renamed or removed, only added (optional),
 * and a change of meaning gets a new schema version (STYLE §9).
 */
import { z } from 'zod';
// Stand-alone (imports only zod), so there is no import cycle with this module.
import { CALENDAR_EVENTS, DESK_VISIT_EVENTS, OUTAGE_EVENTS, SETTINGS_EVENTS } from './desk-events';
import { PRINT_REPORT_EVENTS } from './print-report';
import { COMPLAINT_EVENTS, SUGGESTION_EVENTS } from './complaint-events';
import { DEVICE_EVENTS } from './device-events';
import { SURVEY_EVENTS } from '../survey/events';
import { QUEUE_EVENTS } from '../queue/events';
import { STANDARD_EVENTS } from './standard-events';
import { PRIVACY_EVENTS } from './privacy-events';
import { VENDOR_SERVICE_EVENTS } from './vendor-events';

const id = z.string().uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const epochMs = z.number().int().nonnegative();

/**
 * `supervisor` is the role of accounts made before issue 14: it means both heads of the unit and is no longer
 * given (domain/roles.ts). Appended, never reordered: role lists are sorted by this order.
 */
export const ROLES = ['helpdesk', 'verifier', 'sysadmin', 'supervisor', 'kepala_subbagian', 'kepala_bagian'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const LEGAL_FORMS = ['CV', 'PT', 'Firma', 'Koperasi', 'UD', 'Perorangan', 'Lainnya'] as const;
export const legalFormSchema = z.enum(LEGAL_FORMS);

export const vendorFields = z.object({
  name: z.string().min(1).max(200),
  legalForm: legalFormSchema,
  npwp: z.string().regex(/^(\d{15}|\d{16})$/).nullable(),
  address: z.string().max(500).nullable(),
  email: z.string().max(254).nullable(),
  phone: z.string().max(20).nullable(),
  leaderName: z.string().max(200).nullable(),
});
export type VendorFields = z.infer<typeof vendorFields>;

export const personFields = z.object({
  name: z.string().min(1).max(200),
  nik: z.string().regex(/^\d{16}$/).nullable(),
  phone: z.string().max(20).nullable(),
  email: z.string().max(254).nullable(),
  vendorId: id.nullable(),
});
export type PersonFields = z.infer<typeof personFields>;

export const visitorRoleSchema = z.enum(['leader', 'proxy']);
export type VisitorRole = z.infer<typeof visitorRoleSchema>;

export const itemMarkSchema = z.object({
  itemCode: z.string().min(1).max(64),
  originalSeen: z.boolean(),
  copyReceived: z.boolean(),
  validUntil: isoDate.nullable(),
  /**
   * The document has no expiry date (NIB, akta): "berlaku tanpa batas waktu", recorded explicitly instead of
   * an invented date (issue 9). Optional: added later; absent means false.
   */
  noExpiry: z.boolean().optional(),
  meteraiOk: z.boolean(),
  notBrought: z.boolean(),
  note: z.string().max(500).nullable(),
});
export type ItemMark = z.infer<typeof itemMarkSchema>;

export const missingItemSchema = z.object({
  itemCode: z.string().min(1).max(64),
  label: z.string().max(200),
  reason: z.enum(['not_brought', 'original_not_shown', 'copy_missing', 'expired', 'no_validity_date', 'no_meterai', 'unchecked']),
});
export type MissingItem = z.infer<typeof missingItemSchema>;

/** The declared events: type → payload schema and current schema version. */
export const EVENT_TYPES = {
  'vendor.registered': { aggregate: 'vendor', version: 1, payload: vendorFields },
  'vendor.updated': { aggregate: 'vendor', version: 1, payload: vendorFields.partial() },
  ...VENDOR_SERVICE_EVENTS,
  'person.registered': { aggregate: 'person', version: 1, payload: personFields },
  'person.updated': { aggregate: 'person', version: 1, payload: personFields.partial() },
  'visit.registered': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({
      arrivedAt: epochMs,
      personId: id,
      vendorId: id.nullable(),
      visitorRole: visitorRoleSchema,
      serviceCode: z.string().max(64).nullable(),
      purposeNote: z.string().max(1000).nullable(),
      catalogueVersion: z.number().int().positive(),
      /** Names at the time of the visit, so the guest book reads as it was written even after edits. */
      visitorName: z.string().max(200),
      companyName: z.string().max(200).nullable(),
      /**
       * When the helpdesk confirmed the personal-data notice was given to the visitor (UU 27/2022; issue 15
       * item 6: the office must be able to prove it). Optional: added later; absent on older visits.
       */
      privacyNoticeAt: epochMs.optional(),
    }),
  },
  'visit.checklist_started': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs }) },
  'visit.item_marked': { aggregate: 'visit', version: 1, payload: itemMarkSchema.extend({ at: epochMs }) },
  'visit.returned': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({ at: epochMs, missing: z.array(missingItemSchema).min(1), note: z.string().max(1000).nullable() }),
  },
  'visit.resumed': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs }) },
  'visit.handed_over': {
    aggregate: 'visit',
    version: 1,
    payload: z.object({
      at: epochMs,
      /** The handling unit's code in the visit's catalogue version (domain/catalogue/units.ts); `verifier`/`sysadmin` before issue 14's units. */
      to: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
      receiptNo: z.string().max(64),
      /** Items accepted although missing, under the supervisor's discretion (Perwali Pasal 6). */
      discretionItems: z.array(z.string().max(64)).default([]),
      /** The supervisor's written reason when `discretionItems` is not empty (optional: added later). */
      discretionReason: z.string().max(1000).optional(),
      /**
       * The deadline promised on the receipt, computed with the calendar of the moment (issue 9: it is kept,
       * and a later calendar change shows beside it instead of silently replacing it). Optional: added later.
       */
      dueAt: epochMs.optional(),
      /** That deadline depended on a year whose holidays were not decreed yet (*perkiraan*). */
      dueProvisional: z.boolean().optional(),
    }),
  },
  'visit.closed': { aggregate: 'visit', version: 1, payload: z.object({ at: epochMs, note: z.string().max(1000).nullable() }) },
  ...DESK_VISIT_EVENTS,
  'user.created': {
    aggregate: 'user',
    version: 1,
    payload: z.object({
      username: z.string().min(3).max(64),
      displayName: z.string().min(1).max(200),
      roles: z.array(roleSchema).min(1),
      passwordHash: z.string().min(1).max(512),
    }),
  },
  'user.password_changed': { aggregate: 'user', version: 1, payload: z.object({ passwordHash: z.string().min(1).max(512) }) },
  'user.roles_changed': { aggregate: 'user', version: 1, payload: z.object({ roles: z.array(roleSchema).min(1) }) },
  'user.disabled': { aggregate: 'user', version: 1, payload: z.object({ reason: z.string().max(500).nullable() }) },
  'user.enabled': { aggregate: 'user', version: 1, payload: z.object({}) },
  'catalogue.published': {
    aggregate: 'catalogue',
    version: 1,
    // The catalogue body is validated by the catalogue module; here it is carried as data.
    payload: z.object({ version: z.number().int().positive(), catalogue: z.unknown(), note: z.string().max(1000).nullable() }),
  },
  ...STANDARD_EVENTS,
  ...CALENDAR_EVENTS,
  ...OUTAGE_EVENTS,
  ...SETTINGS_EVENTS,
  ...PRINT_REPORT_EVENTS,
  ...COMPLAINT_EVENTS,
  ...SUGGESTION_EVENTS,
  ...DEVICE_EVENTS,
  ...SURVEY_EVENTS,
  ...QUEUE_EVENTS,
  ...PRIVACY_EVENTS,
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type AggregateType = (typeof EVENT_TYPES)[EventType]['aggregate'];
export type PayloadOf<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]['payload']>;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}

/** An event as stored and synced. `payload` is typed by `type` through {@link DomainEvent}. */
export interface StoredEvent {
  id: string;
  hlc: string;
  deviceId: string;
  actorId: string | null;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  schemaVersion: number;
  /** The recording device's wall clock, for display only; ordering uses `hlc`. */
  recordedAt: number;
  /** Hash of the previous event its device wrote (ADR 0011); null/absent for a legacy event. */
  prev?: string | null;
  /** `<key id>.<signature>` over the canonical form (domain/events/codec.ts); null/absent when unsigned. */
  signature?: string | null;
}

export type DomainEvent = {
  [T in EventType]: Omit<StoredEvent, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> };
}[EventType];

/** Total order used for folding: (hlc, device id, event id). */
export function eventSortKey(e: Pick<StoredEvent, 'hlc' | 'deviceId' | 'id'>): string {
  return `${e.hlc}|${e.deviceId}|${e.id}`;
}

export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  const ka = eventSortKey(a);
  const kb = eventSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Parses a stored event into a typed domain event, or returns null when this version of the app does not
 * know its type or schema version yet (the caller parks it until an upgrade).
 */
const parsedEvents = new WeakMap<StoredEvent, DomainEvent | null>();

export function toDomainEvent(e: StoredEvent): DomainEvent | null {
  // A stored event object is never mutated, so its parse is kept: appending checks it, folding applies it.
  const cached = parsedEvents.get(e);
  if (cached !== undefined) return cached;
  const parsed = parseDomainEvent(e);
  parsedEvents.set(e, parsed);
  return parsed;
}

/**
 * For an event whose payload was just produced by its own type's schema (stamping a new local event): the
 * parse is recorded so the fold does not repeat it.
 */
export function rememberParsed(e: StoredEvent): void {
  if (isKnownEventType(e.type) && EVENT_TYPES[e.type].aggregate === e.aggregateType && e.schemaVersion <= EVENT_TYPES[e.type].version) {
    parsedEvents.set(e, { ...e } as DomainEvent);
  }
}

function parseDomainEvent(e: StoredEvent): DomainEvent | null {
  if (!isKnownEventType(e.type)) return null;
  const def = EVENT_TYPES[e.type];
  if (e.schemaVersion > def.version || def.aggregate !== e.aggregateType) return null;
  const parsed = def.payload.safeParse(e.payload);
  if (!parsed.success) return null;
  return { ...e, type: e.type, payload: parsed.data } as DomainEvent;
}
