/**
 * The service catalogue: what the city regulation (Perwali Banjarmasin 67/2018, Lampiran) promises for each
 * service. It is data, versioned and editable by the supervisor (Pasal 9: more services come by later
 * regulations), so nothing here is specific to one service. Pure: no I/O.
 */

/**
 * The handling unit (desk) that processes a file once the helpdesk hands it over: the code of one of the
 * version's `handlingUnits` (./units.ts). Versions before issue 14's units only knew `verifier` and
 * `sysadmin`, the seeded units' codes, so the field keeps its old name and old data keeps its meaning.
 */
export type HandlerRole = string;

/** A desk a file can be handed over to (issue 14: catalogue data, ./units.ts). */
export interface HandlingUnitDefinition {
  /** Stable machine code (snake_case), unique within the version; `verifier` and `sysadmin` are the seeded ones. */
  code: string;
  /** Indonesian name, e.g. "Verifikator", "Unit Layanan Pengaduan". */
  name: string;
  /** Staff roles that may serve this desk (the heads may sit in at every desk). */
  roles: ('verifier' | 'sysadmin')[];
  /** Menu and desk title; "Meja <name>" when not given. */
  deskTitle?: string;
  /** Printed after "Diteruskan kepada" on the receipt; the name when not given. */
  receiptLabel?: string;
}

/**
 * How the original of a document is treated at the counter.
 * - `show`: the original is shown and given back (company documents: "asli dan copy").
 * - `submit`: the original itself is handed over and kept in the file (signed forms, letters, power of attorney).
 * - `none`: there is no original to look at (e.g. the folder the copies go in).
 */
export type OriginalHandling = 'show' | 'submit' | 'none';

export interface RequirementItem {
  /** Stable machine code, unique within a service, never reused for a different meaning (snake_case). */
  code: string;
  /** Short Indonesian label shown on the checklist and printed slips, e.g. "KTP Direktur". */
  label: string;
  /** What the helpdesk must check, in the regulation's own Indonesian wording (OCR errors fixed). */
  description: string;
  original: OriginalHandling;
  /** A copy (fotokopi) is received and kept in the file. */
  copyRequired: boolean;
  /** The document must still be valid ("yang masih berlaku"): the helpdesk records a valid-until date. */
  mustBeValid: boolean;
  /** The document must carry a stamp duty (meterai). */
  needsMeterai: boolean;
  /** Required only when the visitor is not the company leader (pimpinan perusahaan), i.e. a proxy. */
  proxyOnly: boolean;
  /** Must be signed by the company leader. */
  signedByLeader: boolean;
}

export type TimeLimitUnit = 'minutes' | 'working_days';

export interface TimeLimit {
  amount: number;
  unit: TimeLimitUnit;
  /** The regulation's wording of the time limit, e.g. "30 menit" or "1 hari kerja". */
  text: string;
  /**
   * Extra promises or exceptions from the regulation, in Indonesian, e.g. the 30-minute guarantee of
   * service 2 when the internet works, or that the LKPP part of ADP has its own pace.
   */
  notes: string[];
  /** True when part of the work happens at LKPP and that waiting time does not count against this limit. */
  externalWaitExcluded: boolean;
  /**
   * Disruptions whose time does not count against the limit ("jika tidak ada gangguan internet"). Optional
   * (added by issue 9): when a service leaves all three clock rules out, `clockLimitOf` reads them from the
   * regulation's own table for its code.
   */
  excusedDisruptions?: ('internet' | 'spse')[];
  /** A shorter promise beside the limit, in working minutes (service 2: 30 minutes when the internet works). */
  guaranteeMinutes?: number;
  /** Forwarding to LKPP takes the case out of the limit instead of pausing it (service 7). */
  externalLeavesLimit?: boolean;
}

export interface ComplaintHandling {
  /** Where and how a complaint is lodged (Indonesian). */
  channel: string;
  /** Handling stages, e.g. ["Cek administrasi", "Koordinasi internal/eksternal"]. */
  stages: string[];
  /** Working days within which the complaint is answered (Lampiran: 6). */
  responseWorkingDays: number;
  /** Working days within which the complainant is told whether the complaint is complete (Pasal 8(5): 3). */
  completenessWorkingDays: number;
  /** Days after the service within which a complaint may be lodged (Pasal 8(3): 30). */
  lodgeWithinDays: number;
  notes: string[];
}

/**
 * Why a file at the desk may wait with the service clock stopped (issue 14: a new service may bring its own,
 * e.g. "menunggu tanda tangan pejabat"), beside the built-in "menunggu penyedia". Forwarding to LKPP is not a
 * pause kind: it has its own events and rule (`externalWaitExcluded`).
 */
export interface PauseKindDefinition {
  /** Stable machine code (snake_case), unique within the service. */
  code: string;
  /** Indonesian label shown at the desk, on the clock and in the history, e.g. "Menunggu tanda tangan pejabat". */
  label: string;
}

export interface ServiceDefinition {
  /** Stable machine code, e.g. "aktivasi_user_id". */
  code: string;
  /** Number in the regulation's Lampiran (1–7); later services continue the numbering. */
  number: number;
  /** Full Indonesian name as in the Lampiran heading, properly capitalised. */
  name: string;
  /** Short name for lists and buttons. */
  shortName: string;
  requirements: RequirementItem[];
  /** "Sistem, Mekanisme dan Prosedur" steps in order, Indonesian. */
  procedure: string[];
  timeLimit: TimeLimit;
  /** "Gratis" for all seven. */
  fee: string;
  /** "Produk Pelayanan". */
  product: string;
  handlerRole: HandlerRole;
  complaintHandling: ComplaintHandling;
  /** "Jaminan Pelayanan" points, Indonesian. */
  serviceGuarantee: string[];
  /** "Dasar Hukum" list, Indonesian. */
  legalBasis: string[];
  /** "Kompetensi Pelaksana" list, Indonesian. */
  staffCompetence: string[];
  /** "Jaminan Keamanan dan Keselamatan Pelayanan". */
  securityGuarantee: string;
  /**
   * The four components of Pasal 5 (1) b that version 1 did not hold (issue 14). Optional: version 1 is
   * frozen (migration 002), so `managementComponentsOf` (./components.ts) reads them from the Lampiran there.
   */
  /** "Sarana, prasarana dan/atau fasilitas". */
  facilities?: string[];
  /** "Pengawasan internal". */
  internalSupervision?: string;
  /** "Jumlah pelaksana", as the regulation words it ("3 orang"). */
  staffCount?: string;
  /** "Evaluasi kinerja pelaksana". */
  staffEvaluation?: string;
  /**
   * The waits this service allows at the desk (issue 14). Optional: a service without it has only the
   * built-in "menunggu penyedia" (`pauseKindsOf`, ./pauses.ts); version 1 is frozen.
   */
  pauseKinds?: PauseKindDefinition[];
  active: boolean;
}

export interface Catalogue {
  /** Monotonic version number; every edit by the supervisor publishes a new version. */
  version: number;
  /** Legal source of this version, e.g. "Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018". */
  source: string;
  /** ISO date (YYYY-MM-DD) from which this version applies. */
  effectiveFrom: string;
  services: ServiceDefinition[];
  /** The desks of this version (issue 14). Optional: without it, the two seeded units (./units.ts). */
  handlingUnits?: HandlingUnitDefinition[];
}
