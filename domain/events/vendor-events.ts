/**
 * The vendor's record following the service (issue 14, ADR 0023): when the verifier completes service 1–5
 * the change made in SPSE is recorded on the vendor (new e-mail, CV→PT, new NPWP; the SPSE User ID activated
 * or deactivated). Stand-alone (imports only zod), like desk-events.ts, so schema.ts can spread it.
 * Synced payloads are append-only contracts: never rename or drop a field, only add optional ones.
 */
import { z } from 'zod';

export const SPSE_USER_STATES = ['active', 'deactivated'] as const;
export type SpseUserState = (typeof SPSE_USER_STATES)[number];

/** What a completed service changed on the vendor; every field optional (only what that service changes). */
export const vendorServiceChanges = z.object({
  name: z.string().min(1).max(200).optional(),
  legalForm: z.enum(['CV', 'PT', 'Firma', 'Koperasi', 'UD', 'Perorangan', 'Lainnya']).optional(),
  npwp: z.string().regex(/^(\d{15}|\d{16})$/).optional(),
  email: z.string().min(3).max(254).optional(),
  spseUserId: z.string().min(1).max(64).optional(),
  spseUserState: z.enum(SPSE_USER_STATES).optional(),
});
export type VendorServiceChanges = z.infer<typeof vendorServiceChanges>;

export const VENDOR_SERVICE_EVENTS = {
  /**
   * Recorded with `visit.completed`, by the same officer in the same transaction, on the visit's vendor. The
   * first one of a visit in fold order counts (as the visit's first outcome does); the old values are kept in
   * the vendor's history by the reducer (domain/aggregates/simple.ts).
   */
  'vendor.service_applied': {
    aggregate: 'vendor',
    version: 1,
    payload: z.object({
      visitId: z.string().uuid(),
      serviceCode: z.string().min(1).max(64),
      receiptNo: z.string().max(64).nullable(),
      changes: vendorServiceChanges,
    }),
  },
} as const;
