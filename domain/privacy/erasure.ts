/**
 * Erasing a visitor's personal data from an append-only, synced log (UU 27/2022; ADR 0019). Pure.
 *
 * A `subject.erased` event (aggregate 'erasure') orders every PC and the server to redact, in place, the
 * personal fields of the events that carry them: the person's own events (`person.registered|updated`:
 * name, NIK, phone, e-mail) and every `visit.registered` naming the person (the visitor's name as written
 * at the visit, and the purpose note, free text that may hold anything). What remains still parses under
 * each event's schema, so the fold, the projections and every count built on them (monthly report, queue,
 * SKM) stay exactly as they were: a visit is still a visit, only no longer whose.
 *
 * A redacted payload names the erasure it obeys (`erasedBy`): redacting again is a no-op, and anyone reading
 * the log sees why the payload differs from what its author signed (the server vouches for the redacted
 * form with its own signature, see server/privacy.ts).
 */
import type { StoredEvent } from '../events/schema';

/** What an erased name reads as, everywhere (screen, exports, receipts reprinted later). */
export const ERASED_NAME = '(data dihapus)';

/** The events whose payloads carry a visitor's personal fields. */
export const PERSONAL_EVENT_TYPES: ReadonlySet<string> = new Set(['person.registered', 'person.updated', 'visit.registered']);

/** The person a personal event is about, or null when it names none. */
export function subjectOf(e: Pick<StoredEvent, 'type' | 'aggregateId' | 'payload'>): string | null {
  if (e.type === 'person.registered' || e.type === 'person.updated') return e.aggregateId;
  if (e.type === 'visit.registered') {
    const p = e.payload as { personId?: unknown } | null;
    return typeof p?.personId === 'string' ? p.personId : null;
  }
  return null;
}

/** True when the payload was already redacted (by any erasure). */
export function isRedacted(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && typeof (payload as { erasedBy?: unknown }).erasedBy === 'string';
}

/**
 * The payload of `e` with the subject's personal fields removed, or null when `e` carries none of the
 * subject's personal data (another person's event, a type without personal fields, already redacted).
 * Fields absent from a partial update stay absent (an update that did not touch the name does not become one
 * that sets it).
 */
export function redactPayload(e: Pick<StoredEvent, 'type' | 'aggregateId' | 'payload'>, subjectId: string, erasureId: string): Record<string, unknown> | null {
  if (!PERSONAL_EVENT_TYPES.has(e.type) || subjectOf(e) !== subjectId || isRedacted(e.payload)) return null;
  const p = { ...(e.payload as Record<string, unknown>) };
  if (e.type === 'visit.registered') {
    p.visitorName = ERASED_NAME;
    p.purposeNote = null;
  } else {
    if ('name' in p) p.name = ERASED_NAME;
    for (const k of ['nik', 'phone', 'email'] as const) if (k in p) p[k] = null;
  }
  p.erasedBy = erasureId;
  return p;
}

/**
 * The instant before which a visitor's last visit must lie for their data to be due for erasure: `months`
 * calendar months before `now` (the retention schedule counts months; the day of the month is kept, and
 * the end of a shorter month is clamped by Date arithmetic).
 */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}
