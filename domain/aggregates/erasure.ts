/**
 * An erasure (aggregate 'erasure', one per `subject.erased`): the audit record of whose data was erased
 * (by subject id only), why, by whom, on which device and when. Written once. Pure.
 */
import type { SubjectErasedPayload } from '../events/privacy-events';
import { eventSortKey, type DomainEvent } from '../events/schema';

export interface ErasureState extends SubjectErasedPayload {
  id: string;
  by: string | null;
  deviceId: string;
  /**
   * The erasure's place in fold order: it erases the subject's events that sort before it. What is recorded
   * after it (the person came back and gave their data again) is new data, not erased.
   */
  key: string;
}

export function reduceErasure(state: ErasureState | null, e: DomainEvent): ErasureState | null {
  if (e.type !== 'subject.erased' || state) return state;
  return { id: e.aggregateId, ...e.payload, by: e.actorId, deviceId: e.deviceId, key: eventSortKey(e) };
}
