/**
 * The maklumat pelayanan's text (Perwali Banjarmasin 67/2018 Pasal 7, issue 14, ADR 0023): the first draft
 * the office edits, drafted from the regulation's three required statements, and how a version reads as
 * paragraphs (the television slide, the public page). Pure.
 */
import type { MaklumatState, MaklumatVersion } from '../aggregates/standard';

export interface MaklumatText {
  title: string;
  opening: string;
  points: string[];
  closing: string;
}

/**
 * Pasal 7 (3): a. the promise to serve by the Standar Pelayanan; b. to serve by its duties and improve
 * continuously; c. to accept sanctions and/or give compensation when the service falls short of the standard.
 */
export function proposedMaklumat(officeName: string): MaklumatText {
  return {
    title: 'MAKLUMAT PELAYANAN',
    opening: `Dengan ini, kami ${officeName} menyatakan sanggup:`,
    points: [
      'Menyelenggarakan pelayanan sesuai dengan Standar Pelayanan yang telah ditetapkan.',
      'Memberikan pelayanan sesuai dengan kewajiban dan melakukan perbaikan secara terus-menerus.',
      'Bersedia menerima sanksi dan/atau memberikan kompensasi apabila pelayanan yang diberikan tidak sesuai dengan standar.',
    ],
    closing: 'Maklumat ini ditetapkan berdasarkan Peraturan Wali Kota Banjarmasin Nomor 67 Tahun 2018 tentang Standar Pelayanan pada Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin.',
  };
}

/** The points as they are read aloud or shown: "1. …". */
export function maklumatParagraphs(v: MaklumatText): string[] {
  return [v.opening, ...v.points.map((p, i) => `${i + 1}. ${p}`), ...(v.closing ? [v.closing] : [])];
}

/** The newest version: the one being edited when it has no approval yet. */
export function latestMaklumat(state: MaklumatState | null): MaklumatVersion | null {
  const vs = state?.versions ?? [];
  return vs.length ? vs[vs.length - 1]! : null;
}

/** The number a new draft gets: the newest unapproved version is edited in place, else the next number. */
export function nextDraftVersion(state: MaklumatState | null): number {
  const latest = latestMaklumat(state);
  if (!latest) return 1;
  return latest.approval ? latest.version + 1 : latest.version;
}

export type MaklumatVersionState = 'draft' | 'in_force' | 'scheduled' | 'superseded';

/** Where a version stands on `day`, given the one in force then. */
export function maklumatVersionState(v: MaklumatVersion, inForce: MaklumatVersion | null, day: string): MaklumatVersionState {
  if (!v.approval) return 'draft';
  if (inForce?.version === v.version) return 'in_force';
  return v.approval.effectiveFrom > day ? 'scheduled' : 'superseded';
}
