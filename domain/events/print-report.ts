/**
 * Payloads of the events recorded by printing, office settings and report exports (declared in
 * `schema.ts`). Kept here so the shared event list only names them. Append-only like every synced payload.
 */
import { z } from 'zod';

export const PRINT_KINDS = ['receipt', 'return_slip', 'rejection'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];
export const printKindSchema = z.enum(PRINT_KINDS);
/** The documents' names, on screen and in a visit's history. */
export const PRINT_KIND_LABEL: Readonly<Record<PrintKind, string>> = {
  receipt: 'Tanda Terima Berkas',
  return_slip: 'Daftar Kekurangan Berkas',
  rejection: 'Surat Penolakan',
};

export const printLayoutSchema = z.enum(['a4', 'a5', 'thermal80', 'thermal58']);

const nullableText = (max: number) => z.string().max(max).nullable();

/**
 * Office settings keys of `settings.changed` (members of its discriminated union in `desk-events.ts`): the
 * header printed on receipts and reports, the officials named on exports, and receipt verification keys.
 */
export const OFFICE_SETTING_CHANGES = [
  z.object({ key: z.literal('office_name'), value: z.string().min(1).max(200) }),
  z.object({ key: z.literal('office_address'), value: z.string().max(500) }),
  /** Telephone, e-mail or website printed under the address. */
  z.object({ key: z.literal('office_contact'), value: nullableText(200) }),
  /** `data:image/(png|jpeg|svg+xml);base64,…`, or null to print no logo. */
  z.object({
    key: z.literal('office_logo'),
    value: z
      .string()
      .max(400_000)
      .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/)
      .nullable(),
  }),
  z.object({ key: z.literal('head_title'), value: z.string().min(1).max(200) }),
  z.object({ key: z.literal('head_name'), value: nullableText(200) }),
  z.object({ key: z.literal('head_nip'), value: nullableText(32) }),
  /** Data-protection officer (Pejabat Pelindungan Data Pribadi), named on every export (UU 27/2022). */
  z.object({ key: z.literal('dpo_name'), value: nullableText(200) }),
  z.object({ key: z.literal('dpo_contact'), value: nullableText(200) }),
] as const;

/** A neutral emblem printed until the supervisor uploads the office's own logo. */
export const DEFAULT_LOGO_DATA_URL = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxMDAgMTIwIiB3aWR0aD0iMTAwIiBoZWlnaHQ9IjEyMCI+PHBhdGggZD0iTTUwIDQgTDk0IDE4IEw5NCA2MiBDOTQgOTAgNzIgMTA4IDUwIDExNiBDMjggMTA4IDYgOTAgNiA2MiBMNiAxOCBaIiBmaWxsPSIjZmZmIiBzdHJva2U9IiMwMDAiIHN0cm9rZS13aWR0aD0iNSIvPjxwYXRoIGQ9Ik01MCAxNCBMODUgMjUgTDg1IDYxIEM4NSA4MyA2OCA5OCA1MCAxMDUgQzMyIDk4IDE1IDgzIDE1IDYxIEwxNSAyNSBaIiBmaWxsPSJub25lIiBzdHJva2U9IiMwMDAiIHN0cm9rZS13aWR0aD0iMiIvPjx0ZXh0IHg9IjUwIiB5PSI2MiIgZm9udC1mYW1pbHk9IkFyaWFsLCBIZWx2ZXRpY2EsIHNhbnMtc2VyaWYiIGZvbnQtc2l6ZT0iMjYiIGZvbnQtd2VpZ2h0PSI3MDAiIHRleHQtYW5jaG9yPSJtaWRkbGUiIGZpbGw9IiMwMDAiPkJMUDwvdGV4dD48dGV4dCB4PSI1MCIgeT0iODIiIGZvbnQtZmFtaWx5PSJBcmlhbCwgSGVsdmV0aWNhLCBzYW5zLXNlcmlmIiBmb250LXNpemU9IjkiIGZvbnQtd2VpZ2h0PSI3MDAiIHRleHQtYW5jaG9yPSJtaWRkbGUiIGZpbGw9IiMwMDAiPkJBTkpBUk1BU0lOPC90ZXh0Pjwvc3ZnPgo=';

/** Defaults of the office settings keys (spread into `SETTING_DEFAULTS`). */
export const OFFICE_SETTING_DEFAULTS = {
  office_name: 'Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin',
  office_address: 'Jl. R.E. Martadinata No. 1, Gedung Blok E Lt. Dasar, Banjarmasin',
  office_contact: 'lpse.banjarmasinkota.go.id' as string | null,
  office_logo: DEFAULT_LOGO_DATA_URL as string | null,
  head_title: 'Kepala Bagian Layanan Pengadaan',
  head_name: null as string | null,
  head_nip: null as string | null,
  dpo_name: null as string | null,
  dpo_contact: null as string | null,
};

/** `document.printed` (aggregate: the visit): every print, reprint and saved PDF of a visit's documents. */
export const documentPrintedPayload = z.object({
  at: z.number().int().nonnegative(),
  kind: printKindSchema,
  visitId: z.string().uuid(),
  layout: printLayoutSchema,
  /** 'printer': sent to a printer (dialog or silent); 'pdf': saved as a PDF file. */
  output: z.enum(['printer', 'pdf']),
  /** For a return slip: which return of the visit (1-based). */
  returnNo: z.number().int().positive().nullable(),
  /** Printer name for silent printing, when known. */
  printer: z.string().max(200).nullable(),
});
export type DocumentPrintedPayload = z.infer<typeof documentPrintedPayload>;

/** `report.exported` (aggregate: one per export): who exported what, and whether it held personal data. */
export const reportExportedPayload = z.object({
  at: z.number().int().nonnegative(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  format: z.enum(['xlsx', 'pdf', 'csv']),
  /** True when NIK and phone numbers were exported in full (not masked). */
  personalData: z.boolean(),
  /** Number of visits listed in the export (the visitors whose data it holds). */
  visitCount: z.number().int().nonnegative(),
  fileName: z.string().max(200),
  /** SHA-256 of the exported file, to recognise a copy found later (breach assessment, UU 27/2022). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 'app' (a screen) or 'cli'. */
  via: z.enum(['app', 'cli']),
  /** For a CLI export (no signed-in user): the operating-system account that ran it. */
  operator: z.string().max(200).nullable(),
});
export type ReportExportedPayload = z.infer<typeof reportExportedPayload>;

export const PRINT_REPORT_EVENTS = {
  'document.printed': { aggregate: 'visit', version: 1, payload: documentPrintedPayload },
  'report.exported': { aggregate: 'report_export', version: 1, payload: reportExportedPayload },
} as const;
