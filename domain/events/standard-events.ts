/**
 * Events of the service standard as living data (issue 14, ADR 0015): the office's draft of the next
 * catalogue version, and the maklumat pelayanan (Pasal 7). Stand-alone (imports only zod), like
 * desk-events.ts, so schema.ts can spread it without a cycle.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CATALOGUE_DRAFT_ID = 'catalogue_draft';
export const MAKLUMAT_ID = 'maklumat';

export const STANDARD_EVENTS = {
  /**
   * The whole draft as saved (the catalogue body, checked by domain/catalogue/draft.ts before it is
   * recorded), based on the version it was copied from. One draft per office at a time: the next version.
   */
  'catalogue.draft_saved': {
    aggregate: 'catalogue_draft',
    version: 1,
    payload: z.object({ basedOn: z.number().int().positive(), catalogue: z.unknown(), note: z.string().max(1000).nullable() }),
  },
  /** The draft is set aside, or became version `publishedVersion`. */
  'catalogue.draft_discarded': {
    aggregate: 'catalogue_draft',
    version: 1,
    payload: z.object({ publishedVersion: z.number().int().positive().nullable() }),
  },
  /** A version of the maklumat's text, drafted or edited by the office (not yet in force). */
  'maklumat.drafted': {
    aggregate: 'maklumat',
    version: 1,
    payload: z.object({
      version: z.number().int().positive(),
      title: z.string().min(1).max(200),
      /** Opening sentence, the points (the regulation's three at least), closing sentence. */
      opening: z.string().min(1).max(2000),
      points: z.array(z.string().min(1).max(2000)).min(3).max(10),
      closing: z.string().max(2000),
    }),
  },
  /** The Kepala Bagian signs a drafted version (Pasal 7 (2)): it is the maklumat in force from `effectiveFrom`. */
  'maklumat.approved': {
    aggregate: 'maklumat',
    version: 1,
    payload: z.object({ version: z.number().int().positive(), effectiveFrom: isoDate, signerName: z.string().min(1).max(200), signerNip: z.string().max(40).nullable() }),
  },
} as const;
