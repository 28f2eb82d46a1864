/**
 * The catalogue draft and the maklumat pelayanan (issue 14, ADR 0015). Pure: no I/O.
 */
import type { Catalogue } from '../catalogue/types';
import type { DomainEvent } from '../events/schema';

export interface CatalogueDraftState {
  /** Null once discarded or published. */
  draft: { catalogue: Catalogue; basedOn: number; note: string | null; savedAt: number; savedBy: string | null } | null;
}

export function reduceCatalogueDraft(state: CatalogueDraftState | null, e: DomainEvent): CatalogueDraftState | null {
  switch (e.type) {
    case 'catalogue.draft_saved':
      return { draft: { catalogue: e.payload.catalogue as Catalogue, basedOn: e.payload.basedOn, note: e.payload.note, savedAt: e.recordedAt, savedBy: e.actorId } };
    case 'catalogue.draft_discarded':
      return { draft: null };
    default:
      return state;
  }
}

export interface MaklumatVersion {
  version: number;
  title: string;
  opening: string;
  points: string[];
  closing: string;
  draftedAt: number;
  draftedBy: string | null;
  approval: { at: number; by: string | null; effectiveFrom: string; signerName: string; signerNip: string | null } | null;
}

export interface MaklumatState {
  versions: MaklumatVersion[];
}

export function reduceMaklumat(state: MaklumatState | null, e: DomainEvent): MaklumatState | null {
  const versions = [...(state?.versions ?? [])];
  switch (e.type) {
    case 'maklumat.drafted': {
      const i = versions.findIndex((v) => v.version === e.payload.version);
      // An approved version is never edited: its text is what was signed. Editing makes a new version.
      if (i >= 0 && versions[i]!.approval) return state;
      const v: MaklumatVersion = { ...e.payload, draftedAt: e.recordedAt, draftedBy: e.actorId, approval: null };
      if (i >= 0) versions[i] = v;
      else versions.push(v);
      versions.sort((a, b) => a.version - b.version);
      return { versions };
    }
    case 'maklumat.approved': {
      const i = versions.findIndex((v) => v.version === e.payload.version);
      if (i < 0 || versions[i]!.approval) return state; // the first approval in fold order stands
      const p = e.payload;
      versions[i] = { ...versions[i]!, approval: { at: e.recordedAt, by: e.actorId, effectiveFrom: p.effectiveFrom, signerName: p.signerName, signerNip: p.signerNip } };
      return { versions };
    }
    default:
      return state;
  }
}

/** The maklumat in force on `day`: the approved version with the latest effective date not after it. */
export function maklumatInForce(state: MaklumatState | null, day: string): MaklumatVersion | null {
  let best: MaklumatVersion | null = null;
  for (const v of state?.versions ?? []) {
    if (!v.approval || v.approval.effectiveFrom > day) continue;
    if (!best || v.approval.effectiveFrom > best.approval!.effectiveFrom || (v.approval.effectiveFrom === best.approval!.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}
