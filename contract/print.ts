/**
 * Printed documents (tanda terima berkas, daftar kekurangan berkas, surat penolakan) and the office
 * settings printed on them. Spread into `api` in `api.ts`.
 *
 * Printing flow: `print.render` gives the HTML for the preview (the renderer shows it in a sandboxed iframe
 * and uses the browser's print); after printing the renderer calls `print.log`, which records the print.
 * `print.pdf` returns the PDF and records it; `print.silent` prints straight to a chosen printer (desktop app
 * only). Every print is a `document.printed` event on the visit, so reprints are counted and audited.
 */
import { z } from 'zod';
import { method, optionalText, SIGNED_IN, SUPERVISOR, uuid } from './method';
import { PRINT_KINDS, printLayoutSchema } from '../domain/events/print-report';

const printKind = z.enum(PRINT_KINDS, { message: 'Jenis dokumen tidak dikenal.' });
const layout = z.enum(printLayoutSchema.options, { message: 'Pilih ukuran kertas: A4, A5, thermal 80 mm, atau thermal 58 mm.' });

export const printTarget = z.object({
  kind: printKind,
  visitId: uuid,
  layout,
  /** Return slip: which return (1-based); default the latest. Ignored for the other documents. */
  returnNo: z.number().int().positive().nullable().default(null),
});
export type PrintTarget = z.infer<typeof printTarget>;

const pageSizeOut = z.object({ widthMm: z.number(), heightMm: z.number(), roll: z.boolean() });


export const officeSettingsSchema = z.object({
  officeName: z.string(),
  officeAddress: z.string(),
  officeContact: z.string().nullable(),
  logoDataUrl: z.string().nullable(),
  headTitle: z.string(),
  headName: z.string().nullable(),
  headNip: z.string().nullable(),
  dpoName: z.string().nullable(),
  dpoContact: z.string().nullable(),
});

/** About 300 KB of image: enough for a sharp logo, small enough to sync and print quickly. */
export const MAX_LOGO_DATA_URL = 400_000;

export const officeSettingsInput = z.object({
  officeName: z.string().trim().min(1, 'Nama kantor wajib diisi.').max(200, 'Nama kantor maksimal 200 karakter.').optional(),
  officeAddress: z.string().trim().min(1, 'Alamat kantor wajib diisi.').max(500, 'Alamat maksimal 500 karakter.').optional(),
  officeContact: optionalText(200, 'Kontak kantor').optional(),
  logoDataUrl: z
    .string()
    .max(MAX_LOGO_DATA_URL, 'Berkas logo terlalu besar (maksimal sekitar 300 KB).')
    .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/, 'Logo harus gambar PNG, JPEG, atau SVG.')
    .nullable()
    .optional(),
  headTitle: z.string().trim().min(1, 'Jabatan kepala bagian wajib diisi.').max(200, 'Jabatan maksimal 200 karakter.').optional(),
  headName: optionalText(200, 'Nama kepala bagian').optional(),
  headNip: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP terdiri atas 18 angka.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  dpoName: optionalText(200, 'Nama pejabat pelindungan data pribadi').optional(),
  dpoContact: optionalText(200, 'Kontak pejabat pelindungan data pribadi').optional(),
});

export const printApi = {
  /** The document as HTML for the print preview; `copyNo` is the number this print will get. */
  'print.render': method(
    printTarget,
    z.object({ html: z.string(), title: z.string(), fileName: z.string(), pageSize: pageSizeOut, copyNo: z.number().int() }),
    SIGNED_IN,
    false,
  ),
  /** The document as PDF (base64); recorded as printed (output 'pdf'). */
  'print.pdf': method(
    printTarget,
    z.object({ base64: z.string(), fileName: z.string(), bytes: z.number().int(), copyNo: z.number().int() }),
    SIGNED_IN,
    true,
  ),
  /** Records a print made through the browser's or the desktop's print dialog. */
  'print.log': method(
    printTarget.extend({ printer: z.string().trim().max(200).nullable().default(null) }),
    z.object({ copyNo: z.number().int() }),
    SIGNED_IN,
    true,
  ),
  /** Every print of a visit's documents, oldest first. */
  'print.history': method(
    z.object({ visitId: uuid }),
    z.object({
      entries: z.array(
        z.object({
          at: z.number(),
          kind: printKind,
          layout: printLayoutSchema,
          output: z.enum(['printer', 'pdf']),
          returnNo: z.number().nullable(),
          printer: z.string().nullable(),
          byName: z.string().nullable(),
          copyNo: z.number().int(),
        }),
      ),
      available: z.array(printKind),
      returnCount: z.number().int(),
    }),
    SIGNED_IN,
    false,
  ),
  /** Printers for silent printing (desktop app only; the browser shell uses the browser's print dialog). */
  'print.printers': method(
    z.object({}),
    z.object({
      silentPrinting: z.boolean(),
      printers: z.array(z.object({ name: z.string(), displayName: z.string(), description: z.string(), isDefault: z.boolean() })),
    }),
    SIGNED_IN,
    false,
  ),
  'print.silent': method(
    printTarget.extend({
      printerName: z.string().trim().min(1, 'Pilih printer.').max(200),
      copies: z.number().int().min(1, 'Minimal 1 salinan.').max(5, 'Maksimal 5 salinan.').default(1),
    }),
    z.object({ copyNo: z.number().int() }),
    SIGNED_IN,
    true,
  ),
  /** Checks a receipt presented at the counter: its QR text, or its number and verification code. */
  'print.verifyReceipt': method(
    z.union([
      z.object({ qrText: z.string().trim().min(1, 'Pindai atau ketik isi kode QR.').max(200) }),
      z.object({
        receiptNo: z.string().trim().toUpperCase().min(1, 'Nomor tanda terima wajib diisi.').max(64),
        code: z.string().trim().min(1, 'Kode verifikasi wajib diisi.').max(20),
      }),
    ]),
    z.object({
      valid: z.boolean(),
      message: z.string(),
      receipt: z
        .object({
          receiptNo: z.string(),
          visitId: z.string(),
          receivedAt: z.number(),
          companyName: z.string().nullable(),
          visitorName: z.string(),
          serviceName: z.string().nullable(),
          status: z.string(),
          /** The status in the one vocabulary (domain/visit-status.ts). */
          statusLabel: z.string(),
        })
        .nullable(),
    }),
    SIGNED_IN,
    false,
  ),

  'settings.office': method(z.object({}), officeSettingsSchema, SIGNED_IN, false),
  'settings.setOffice': method(officeSettingsInput, officeSettingsSchema, SUPERVISOR, true),
} as const;
