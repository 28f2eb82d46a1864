/**
 * The service standard as living data (issue 14, ADR 0015): the office's draft of the next catalogue
 * version, its difference against the version in force, and its publication with the regulation that sets
 * it and an effective date. Spread into `api` in `api.ts`. Both heads draft; only the Kepala Bagian
 * publishes (the fold applies the same rule: domain/permissions.ts).
 */
import { z } from 'zod';
import { catalogueSchema } from '../domain/catalogue/schema';
import { isoDate, method, optionalText, requiredText, roles, SIGNED_IN, SUPERVISOR } from './method';

export const standardPrintTarget = z.object({
  document: z.enum(['standard', 'handout']),
  serviceCode: z.string().trim().min(1).max(64).nullable(),
  version: z.number().int().positive().nullable().default(null),
});

export const catalogueVersionInfo = z.object({
  version: z.number(),
  source: z.string(),
  effectiveFrom: z.string(),
  publishedAt: z.number(),
  publishedByName: z.string().nullable(),
  note: z.string().nullable(),
  services: z.number(),
  /** In force today, scheduled (effective later), or superseded. */
  state: z.enum(['in_force', 'scheduled', 'superseded']),
});
export type CatalogueVersionInfo = z.infer<typeof catalogueVersionInfo>;

export const serviceChange = z.object({ code: z.string(), name: z.string(), kind: z.enum(['added', 'removed', 'changed']), fields: z.array(z.string()), subject: z.literal('unit').optional() });

export const catalogueDraftView = z.object({
  draft: z
    .object({
      catalogue: catalogueSchema,
      basedOn: z.number(),
      note: z.string().nullable(),
      savedAt: z.number(),
      savedByName: z.string().nullable(),
      /** Against the version it was copied from. */
      changes: z.array(serviceChange),
    })
    .nullable(),
  versions: z.array(catalogueVersionInfo),
  inForce: z.number(),
  latest: z.number(),
});
export type CatalogueDraftView = z.infer<typeof catalogueDraftView>;

export const standardApi = {
  /** Every published version (newest first), the one in force today, and the office's open draft. */
  'catalogue.versions': method(z.object({}), catalogueDraftView, SIGNED_IN, false),
  /** Starts the draft of the next version as a copy of the newest published one (no-op when one is open). */
  'catalogue.startDraft': method(z.object({}), catalogueDraftView, SUPERVISOR, true),
  /** Saves the whole draft; refused with the field named when it is not a standard the office can serve by. */
  'catalogue.saveDraft': method(
    z.object({ catalogue: z.unknown(), note: optionalText(1000, 'Catatan') }),
    catalogueDraftView,
    SUPERVISOR,
    true,
  ),
  'catalogue.discardDraft': method(z.object({}), catalogueDraftView, SUPERVISOR, true),
  /** Publishes the draft as the next version, set by `source`, in force from `effectiveFrom` (Pasal 9). */
  'catalogue.publishDraft': method(
    z.object({ source: requiredText(5, 2000, 'Dasar penetapan'), effectiveFrom: isoDate, note: optionalText(1000, 'Catatan') }),
    z.object({ version: z.number(), effectiveFrom: z.string() }),
    roles('kepala_bagian'),
    true,
  ),
  /**
   * The printed standard (issue 14): `standard` is the Standar Pelayanan with the fourteen components of
   * Pasal 5, `handout` the one-page "what to bring" for vendors; of one service, or of every active service
   * when `serviceCode` is null; from `version` (default: the version in force today). A4. Public information:
   * anyone signed in may print it; printing records nothing.
   */
  'catalogue.printRender': method(standardPrintTarget, z.object({ html: z.string(), title: z.string(), fileName: z.string() }), SIGNED_IN, false),
  'catalogue.printPdf': method(standardPrintTarget, z.object({ base64: z.string(), fileName: z.string(), bytes: z.number().int() }), SIGNED_IN, false),
} as const;
