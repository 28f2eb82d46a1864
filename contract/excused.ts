/**
 * Excused time (issue 9): a disruption of the internet or of SPSE recorded on one file at a desk, and an
 * office-wide outage declared once for every file at a desk. Whether the time counts against a limit is
 * the service's rule (services 2–5 excuse it); it is always recorded and shown. Spread into `api` in `api.ts`.
 */
import { z } from 'zod';
import { deskInfo } from './desks';
import { DESK, method, roles, SIGNED_IN, uuid } from './method';

const OUTAGE_KEEPERS = roles('sysadmin', 'supervisor');
const epochMs = z.number({ message: 'Waktu wajib diisi.' }).int('Waktu tidak valid.').nonnegative('Waktu tidak valid.');
export const disruptionKindSchema = z.enum(['internet', 'spse'], { message: 'Pilih jenis gangguan: internet atau SPSE.' });
const reason = z.string({ message: 'Keterangan gangguan wajib diisi.' }).trim().min(5, 'Keterangan gangguan minimal 5 karakter.').max(1000, 'Keterangan gangguan maksimal 1000 karakter.');

/** A disruption interval: `to` null = still going on. */
const intervalFields = { kind: disruptionKindSchema, from: epochMs, to: epochMs.nullable(), reason };
function endsAfterStart(v: { from: number; to: number | null }, ctx: z.RefinementCtx): void {
  if (v.to !== null && v.to <= v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Waktu selesai harus setelah waktu mulai.' });
}

export const outageView = z.object({
  id: z.string(),
  kind: disruptionKindSchema,
  kindLabel: z.string(),
  from: z.number(),
  to: z.number().nullable(),
  reason: z.string(),
  declaredByName: z.string().nullable(),
  declaredAt: z.number(),
  withdrawn: z.boolean(),
  /** Files at a desk during the outage (its time is excused where the service allows). */
  filesAffected: z.number(),
});
export type OutageView = z.infer<typeof outageView>;

export const excusedApi = {
  /** Records internet/SPSE disruption time on one file at a desk (also after it was finished). */
  'desk.recordDisruption': method(z.object({ visitId: uuid, ...intervalFields }).superRefine(endsAfterStart), deskInfo, DESK, true),
  /** Ends the ongoing disruption of that kind on the file, now. */
  'desk.endDisruption': method(z.object({ visitId: uuid, kind: disruptionKindSchema }), deskInfo, DESK, true),
  'outages.list': method(z.object({ includeWithdrawn: z.boolean().default(false) }), z.object({ outages: z.array(outageView) }), SIGNED_IN, false),
  /** Declares an office-wide outage: it applies to every file at a desk during it. */
  'outages.declare': method(z.object(intervalFields).superRefine(endsAfterStart), outageView, OUTAGE_KEEPERS, true),
  'outages.end': method(z.object({ id: uuid, to: epochMs.optional() }), outageView, OUTAGE_KEEPERS, true),
  /** Withdraws an outage declared by mistake; it stays listed, with the reason. */
  'outages.withdraw': method(z.object({ id: uuid, reason }), outageView, OUTAGE_KEEPERS, true),
} as const;
