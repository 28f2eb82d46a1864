import type { DomainEvent, PersonFields, Role, VendorFields } from '../events/schema';
import type { Catalogue } from '../catalogue/types';

export interface VendorState extends VendorFields {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export function reduceVendor(state: VendorState | null, e: DomainEvent): VendorState | null {
  if (e.type === 'vendor.registered') {
    if (state) return state;
    return { id: e.aggregateId, ...e.payload, createdAt: e.recordedAt, updatedAt: e.recordedAt };
  }
  if (e.type === 'vendor.updated' && state) return { ...state, ...stripUndefined(e.payload), updatedAt: e.recordedAt };
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
