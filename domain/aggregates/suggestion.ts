/**
 * A suggestion (saran dan masukan; aggregate `suggestion`, one id per entry): a short text, identity
 * optional, from any channel (Perwali 67/2018 Pasal 8(2): "kotak saran"). Written once; counted in the
 * monthly report. Pure.
 */
import type { ComplaintChannel } from '../events/complaint-events';
import type { DomainEvent } from '../events/schema';

export interface SuggestionState {
  id: string;
  receivedAt: number;
  channel: ComplaintChannel;
  name: string | null;
  contact: string | null;
  serviceCode: string | null;
  text: string;
  recordedAt: number;
  recordedBy: string | null;
}

export function reduceSuggestion(state: SuggestionState | null, e: DomainEvent): SuggestionState | null {
  if (e.type !== 'suggestion.received' || state) return state;
  const p = e.payload;
  return {
    id: e.aggregateId,
    receivedAt: p.receivedAt,
    channel: p.channel,
    name: p.name,
    contact: p.contact,
    serviceCode: p.serviceCode,
    text: p.text,
    recordedAt: p.at,
    recordedBy: e.actorId,
  };
}
