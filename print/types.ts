/**
 * What each printed document shows, assembled by the backend from the visit, the catalogue and the office
 * settings. Templates turn these into HTML; they compute nothing but layout. Times are epoch ms and are
 * printed in WITA.
 */
import type { OfficeSettings } from './office';

export type OfficeHeader = Pick<OfficeSettings, 'officeName' | 'officeAddress' | 'officeContact' | 'logoDataUrl' | 'dpoName' | 'dpoContact'>;

export interface PartyInfo {
  visitorName: string;
  /** 'leader': pimpinan perusahaan; 'proxy': kuasa. */
  visitorRole: 'leader' | 'proxy';
  companyName: string | null;
  /** Formatted NPWP of the company, if known. */
  npwp: string | null;
}

export interface ServiceInfo {
  number: number;
  name: string;
  /** The regulation's wording, e.g. "30 menit". */
  timeLimitText: string;
  fee: string;
}

export interface PrintMeta {
  /** When this copy was printed. */
  printedAt: number;
  /** 1 for the first print of this document, 2 for the first reprint, … */
  copyNo: number;
}

export interface ReceiptDocument {
  /** `original`: shown or handed over; how the original was treated for this item. */
  label: string;
  original: 'seen' | 'submitted' | 'not_applicable' | 'missing';
  copy: 'kept' | 'not_required' | 'missing';
  /** Valid-until date recorded by the helpdesk (ISO), if any. */
  validUntil: string | null;
  /** Recorded as valid without a time limit ("berlaku tanpa batas waktu": NIB, akta). */
  noExpiry?: boolean;
  meterai: boolean;
  /** Accepted although missing, under the supervisor's discretion (Pasal 6). */
  discretion: boolean;
}

/** The survey block of a receipt (backend/survey/receipt.ts): the visit's survey code, or a line instead. */
export type ReceiptSurvey =
  | {
      kind: 'code';
      /** The server's survey page URL (code in the fragment), or `LPSE-SKM:<code>` for the counter's kiosk. */
      qrText: string;
      /** "K7QM-3XD9-PA2F-HV8C" */
      code: string;
      /** Last day the code is accepted (YYYY-MM-DD). */
      validUntil: string;
      viaServer: boolean;
    }
  | { kind: 'note'; text: string };

export interface ReceiptData {
  kind: 'receipt';
  office: OfficeHeader;
  receiptNo: string;
  receivedAt: number;
  party: PartyInfo;
  service: ServiceInfo;
  /** The handling unit's code. */
  handedTo: string;
  /** Printed after "Diteruskan kepada" (the unit's receipt label in the visit's catalogue version). */
  handedToLabel?: string;
  documents: ReceiptDocument[];
  /** Promised completion (service clock deadline), or null when the limit has no fixed end. */
  promisedAt: number | null;
  /**
   * The promise depends on a year whose holidays are not decreed yet, as the calendar stands at printing
   * (issue 9): printed with "perkiraan" and a footnote naming that year.
   */
  provisionalYear?: number | null;
  /** The same deadline counted on today's calendar, when a calendar change since the handover moved it. */
  recomputedAt?: number | null;
  discretionReason: string | null;
  /** QR payload and the short verification code printed beside it. */
  qrText: string;
  verificationCode: string;
  officerName: string;
  meta: PrintMeta;
  /** Satisfaction survey (SKM) code of the visit; absent or null: no survey block. */
  survey?: ReceiptSurvey | null;
  /** The visitor's queue number of the day (issue 16); absent or null: no queue line. */
  queueLabel?: string | null;
}

export interface ReturnSlipItem {
  label: string;
  /** Why the item is missing or not acceptable (Indonesian). */
  reason: string;
  /** What to bring next time (Indonesian). */
  bring: string;
}

export interface ReturnSlipData {
  kind: 'return_slip';
  office: OfficeHeader;
  /** Which return of the visit this is (1-based). */
  returnNo: number;
  returnedAt: number;
  arrivedAt: number;
  party: PartyInfo;
  service: ServiceInfo;
  items: ReturnSlipItem[];
  note: string | null;
  officerName: string;
  /** Counter hours to come back, e.g. "Senin–Kamis 07.30–16.00 WITA; Jumat 07.30–16.30 WITA". */
  counterHours: string;
  meta: PrintMeta;
}

export interface RejectionData {
  kind: 'rejection';
  office: OfficeHeader;
  /** Letter number, derived from the receipt number. */
  letterNo: string;
  receiptNo: string | null;
  receivedAt: number | null;
  rejectedAt: number;
  party: PartyInfo;
  service: ServiceInfo;
  reason: string;
  /** Verifier or system admin who rejected. */
  officerName: string;
  /** The handling unit's code. */
  officerRole: string;
  /** The unit's name in the visit's catalogue version (the signature's role line). */
  officerRoleLabel?: string;
  meta: PrintMeta;
}

export type PrintData = ReceiptData | ReturnSlipData | RejectionData;
