/**
 * The handling units of a catalogue version (issue 14): the desks a file goes to once the helpdesk hands it
 * over. They are catalogue data, like pause kinds (./pauses.ts), so a new service with a new unit needs no
 * code: a unit names its desk, the staff roles that may serve it (the supervisor may sit in at every desk,
 * domain/roles.ts) and the words printed on the receipt ("Diteruskan kepada").
 *
 * A version that lists no units (version 1 is frozen, migration 002) has the two units the app always had,
 * whose codes are the values old `visit.handed_over` events carry (`verifier`, `sysadmin`): old payloads map to
 * them as they are, nothing in the log is rewritten. Pure.
 */
import type { Role } from '../events/schema';
import { holdsAnyRole, holdsRole } from '../roles';
import type { Catalogue, HandlingUnitDefinition } from './types';

/** Staff roles that can serve a desk (the dispatcher lets only these, and the heads, call desk methods). */
export const DESK_SERVING_ROLES = ['verifier', 'sysadmin'] as const;
export type DeskServingRole = (typeof DESK_SERVING_ROLES)[number];

export const SEEDED_UNITS: readonly HandlingUnitDefinition[] = [
  { code: 'verifier', name: 'Verifikator', roles: ['verifier'], deskTitle: 'Meja Verifikator' },
  { code: 'sysadmin', name: 'Admin Sistem', roles: ['sysadmin'], deskTitle: 'Kasus Admin Sistem' },
];

/** The units of a version: its own list, or the two seeded ones when it has none. */
export function handlingUnitsOf(c: Pick<Catalogue, 'handlingUnits'> | null | undefined): HandlingUnitDefinition[] {
  return c?.handlingUnits && c.handlingUnits.length > 0 ? c.handlingUnits : [...SEEDED_UNITS];
}

/**
 * The unit `code` as the version defines it; a code the version does not list (a file handed over under an
 * older version) falls back to the seeded unit of that code, or to a unit named after the code served by the
 * heads only, so a label is always printable and nobody gains access by accident.
 */
export function unitOf(c: Pick<Catalogue, 'handlingUnits'> | null | undefined, code: string): HandlingUnitDefinition {
  return (
    handlingUnitsOf(c).find((u) => u.code === code) ??
    SEEDED_UNITS.find((u) => u.code === code) ?? { code, name: code.replace(/_/g, ' '), roles: [] }
  );
}

/** The desk's title in menus and on the desk screen, e.g. "Meja Unit Layanan Pengaduan". */
export function deskTitleOf(u: HandlingUnitDefinition): string {
  return u.deskTitle ?? `Meja ${u.name}`;
}

/** The words after "Diteruskan kepada" on the receipt. */
export function receiptLabelOf(u: HandlingUnitDefinition): string {
  return u.receiptLabel ?? u.name;
}

/**
 * A unit named inside a sentence ("diserahkan ke verifikator"): the seeded desks are common nouns, written in
 * lower case as the app always did; a unit the office named ("Unit Layanan Pengaduan") is a proper name and
 * keeps its case.
 */
export function unitPhrase(code: string | null, name: string | null | undefined): string {
  if (code === 'verifier') return 'verifikator';
  if (code === 'sysadmin') return 'admin sistem';
  return name ?? 'meja petugas';
}

/** Every unit any of `catalogues` lists (newest definition of a code wins), seeded units first. */
export function unionOfUnits(catalogues: readonly Pick<Catalogue, 'handlingUnits' | 'version'>[]): HandlingUnitDefinition[] {
  const byCode = new Map<string, HandlingUnitDefinition>(SEEDED_UNITS.map((u) => [u.code, u]));
  for (const c of [...catalogues].sort((a, b) => a.version - b.version)) for (const u of handlingUnitsOf(c)) byCode.set(u.code, u);
  return [...byCode.values()];
}

/** A head sits in at every desk; other staff at the desks whose unit names one of their roles. */
export function canServeUnit(held: readonly Role[], unit: HandlingUnitDefinition): boolean {
  return holdsRole(held, 'supervisor') || holdsAnyRole(held, unit.roles);
}

/** The queue's counter (loket) role that calls a unit's visitors: the unit's first serving role. */
export function counterRoleOf(unit: HandlingUnitDefinition): DeskServingRole {
  return unit.roles[0] ?? 'verifier';
}
