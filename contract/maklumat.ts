/**
 * The maklumat pelayanan (Perwali Banjarmasin 67/2018 Pasal 7, issue 14, ADR 0023): drafted and edited by
 * either head of the unit, approved (signed) only by the Kepala Bagian — the fold applies the same rule
 * (domain/permissions.ts) — versioned, printed as an A4 or A3 poster. Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { isoDate, method, requiredText, roles, SIGNED_IN, SUPERVISOR } from './method';

export const maklumatText = z.object({ title: z.string(), opening: z.string(), points: z.array(z.string()), closing: z.string() });

export const maklumatVersionView = maklumatText.extend({
  version: z.number(),
  draftedAt: z.number(),
  draftedByName: z.string().nullable(),
  approval: z
    .object({ at: z.number(), byName: z.string().nullable(), effectiveFrom: z.string(), signerName: z.string(), signerNip: z.string().nullable() })
    .nullable(),
  /** A draft awaiting the Kepala Bagian; in force today; approved for a later date; replaced by a newer one. */
  state: z.enum(['draft', 'in_force', 'scheduled', 'superseded']),
});
export type MaklumatVersionView = z.infer<typeof maklumatVersionView>;

export const maklumatView = z.object({
  /** Every version, newest first (the history). */
  versions: z.array(maklumatVersionView),
  inForce: z.number().nullable(),
  /** The version being drafted (not approved yet), if any. */
  draft: z.number().nullable(),
  /** The text a new draft starts from: the newest version, or the regulation's three points. */
  proposal: maklumatText,
  /** For the approval form: the signer from the office settings. */
  signer: z.object({ name: z.string().nullable(), nip: z.string().nullable(), title: z.string() }),
});
export type MaklumatView = z.infer<typeof maklumatView>;

const point = z.string({ message: 'wajib diisi.' }).trim().min(1, 'wajib diisi.').min(5, 'minimal 5 karakter.').max(2000, 'maksimal 2000 karakter.');

export const MAKLUMAT_PAPERS = ['a4', 'a3'] as const;

export const maklumatApi = {
  'maklumat.view': method(z.object({}), maklumatView, SIGNED_IN, false),
  /** Saves the text as the draft (edits the open draft; after an approval starts the next version). */
  'maklumat.saveDraft': method(
    z.object({
      title: requiredText(3, 200, 'Judul'),
      opening: requiredText(10, 2000, 'Kalimat pembuka'),
      points: z
        .array(point, { message: 'Butir maklumat wajib diisi.' })
        .min(3, 'Maklumat memuat sekurang-kurangnya tiga butir pernyataan (Perwali 67/2018 Pasal 7 ayat 3).')
        .max(10, 'Maklumat memuat paling banyak 10 butir.'),
      closing: z.string().trim().max(2000, 'Kalimat penutup maksimal 2000 karakter.'),
    }),
    maklumatView,
    SUPERVISOR,
    true,
  ),
  /** The Kepala Bagian signs the draft: it is the maklumat in force from `effectiveFrom`. */
  'maklumat.approve': method(
    z.object({
      version: z.number().int().positive(),
      effectiveFrom: isoDate,
      signerName: requiredText(3, 200, 'Nama penanda tangan'),
      signerNip: z
        .string()
        .trim()
        .transform((s) => s.replace(/\s+/g, ''))
        .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP terdiri atas 18 angka.')
        .transform((s) => (s === '' ? null : s))
        .nullable(),
    }),
    maklumatView,
    roles('kepala_bagian'),
    true,
  ),
  /** The poster as PDF: the version in force (or the given one; a draft prints marked as such). */
  'maklumat.pdf': method(
    z.object({
      version: z.number().int().positive().nullable(),
      paper: z.enum(MAKLUMAT_PAPERS, { message: 'Pilih ukuran kertas: A4 atau A3.' }),
    }),
    z.object({ base64: z.string(), fileName: z.string(), bytes: z.number().int() }),
    SIGNED_IN,
    false,
  ),
} as const;
