import type { DomainEvent, PersonFields, Role, VendorFields } from '../events/schema';
import type { Catalogue } from '../catalogue/types';
import type { SpseUserState, VendorServiceChanges } from '../events/vendor-events';

/** One completed service that changed the vendor's record: what it changed, from what (issue 14). */
export interface VendorServiceEntry {
  at: number;
  by: string | null;
  visitId: string;
  serviceCode: string;
  receiptNo: string | null;
  fields: { field: keyof VendorServiceChanges; from: string | null; to: string }[];
}

export interface VendorState extends VendorFields {
  id: string;
  createdAt: number;
  updatedAt: number;
  /**
   * Issue 14, set only by `vendor.service_applied` (absent on every vendor before it, so their stored state
   * stays what their events fold to): the SPSE User ID and its state, and the history of services that
   * changed the record, old values kept.
   */
  spseUserId?: string | null;
  spseUserState?: SpseUserState | null;
  serviceHistory?: VendorServiceEntry[];
}

export function reduceVendor(state: VendorState | null, e: DomainEvent): VendorState | null {
  if (e.type === 'vendor.registered') {
    if (state) return state;
    return { id: e.aggregateId, ...e.payload, createdAt: e.recordedAt, updatedAt: e.recordedAt };
  }
  if (e.type === 'vendor.updated' && state) return { ...state, ...stripUndefined(e.payload), updatedAt: e.recordedAt };
  if (e.type === 'vendor.service_applied' && state) {
    const history = state.serviceHistory ?? [];
    // One visit changes the record once: the first completion in fold order (as the visit's first outcome).
    if (history.some((h) => h.visitId === e.payload.visitId)) return state;
    const changes = stripUndefined(e.payload.changes);
    const fields: VendorServiceEntry['fields'] = [];
    for (const [field, to] of Object.entries(changes) as [keyof VendorServiceChanges, string][]) {
      const from = (state[field]) ?? null;
      if (from !== to) fields.push({ field, from, to });
    }
    const entry: VendorServiceEntry = { at: e.recordedAt, by: e.actorId, visitId: e.payload.visitId, serviceCode: e.payload.serviceCode, receiptNo: e.payload.receiptNo, fields };
    return { ...state, ...changes, updatedAt: e.recordedAt, serviceHistory: [...history, entry] };
  }
  return state;
}

export interface PersonState extends PersonFields {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export function reducePerson(state: PersonState | null, e: DomainEvent): PersonState | null {
  if (e.type === 'person.registered') {
    if (state) return state;
    return { id: e.aggregateId, ...e.payload, createdAt: e.recordedAt, updatedAt: e.recordedAt };
  }
  if (e.type === 'person.updated' && state) return { ...state, ...stripUndefined(e.payload), updatedAt: e.recordedAt };
  return state;
}

export interface UserState {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  passwordHash: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export function reduceUser(state: UserState | null, e: DomainEvent): UserState | null {
  switch (e.type) {
    case 'user.created':
      if (state) return state;
      return { id: e.aggregateId, ...e.payload, active: true, createdAt: e.recordedAt, updatedAt: e.recordedAt };
    case 'user.password_changed':
      return state && { ...state, passwordHash: e.payload.passwordHash, updatedAt: e.recordedAt };
    case 'user.roles_changed':
      return state && { ...state, roles: e.payload.roles, updatedAt: e.recordedAt };
    case 'user.disabled':
      return state && { ...state, active: false, updatedAt: e.recordedAt };
    case 'user.enabled':
      return state && { ...state, active: true, updatedAt: e.recordedAt };
    default:
      return state;
  }
}

export interface CatalogueState {
  /** Every published version, by version number; visits keep the version they were served under. */
  versions: Record<string, { catalogue: Catalogue; publishedAt: number; publishedBy: string | null; note: string | null }>;
  activeVersion: number;
}

export function reduceCatalogue(state: CatalogueState | null, e: DomainEvent): CatalogueState | null {
  if (e.type !== 'catalogue.published') return state;
  const versions = { ...(state?.versions ?? {}) };
  // A version number is published once; a second publication of the same number (two supervisors offline)
  // keeps the first in fold order, so every PC ends with the same text.
  if (!versions[String(e.payload.version)]) {
    versions[String(e.payload.version)] = {
      catalogue: e.payload.catalogue as Catalogue,
      publishedAt: e.recordedAt,
      publishedBy: e.actorId,
      note: e.payload.note,
    };
  }
  return { versions, activeVersion: Math.max(state?.activeVersion ?? 0, e.payload.version) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
