/** zod mirror of ./types, for catalogue data crossing a boundary (IPC, HTTP, sync, supervisor edits). */
import { z } from 'zod';
import type { Catalogue } from './types';
import { DESK_SERVING_ROLES, handlingUnitsOf } from './units';

const code = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/);
/** Pause codes the app gives a meaning of its own (forwarding to LKPP, disruptions); `waiting_vendor` is built in. */
const RESERVED_PAUSE_CODES: readonly string[] = ['waiting_vendor', 'external_lkpp', 'disruption_internet', 'disruption_spse'];
const text = z.string().min(1).max(2000);

export const requirementItemSchema = z.object({
  code,
  label: z.string().min(1).max(200),
  description: text,
  original: z.enum(['show', 'submit', 'none']),
  copyRequired: z.boolean(),
  mustBeValid: z.boolean(),
  needsMeterai: z.boolean(),
  proxyOnly: z.boolean(),
  signedByLeader: z.boolean(),
});

export const serviceDefinitionSchema = z.object({
  code,
  number: z.number().int().positive(),
  name: z.string().min(1).max(300),
  shortName: z.string().min(1).max(100),
  requirements: z.array(requirementItemSchema).max(50),
  procedure: z.array(text).max(50),
  timeLimit: z.object({
    amount: z.number().int().positive(),
    unit: z.enum(['minutes', 'working_days']),
    text: text,
    notes: z.array(text),
    externalWaitExcluded: z.boolean(),
    excusedDisruptions: z.array(z.enum(['internet', 'spse'])).max(2).optional(),
    guaranteeMinutes: z.number().int().positive().max(100_000).optional(),
    externalLeavesLimit: z.boolean().optional(),
  }),
  fee: z.string().min(1).max(200),
  product: z.string().min(1).max(500),
  handlerRole: code,
  complaintHandling: z.object({
    channel: text,
    stages: z.array(text),
    responseWorkingDays: z.number().int().positive(),
    completenessWorkingDays: z.number().int().positive(),
    lodgeWithinDays: z.number().int().positive(),
    notes: z.array(text),
  }),
  serviceGuarantee: z.array(text),
  legalBasis: z.array(text),
  staffCompetence: z.array(text),
  securityGuarantee: text,
  facilities: z.array(text).max(50).optional(),
  internalSupervision: text.optional(),
  staffCount: z.string().min(1).max(200).optional(),
  staffEvaluation: text.optional(),
  pauseKinds: z.array(z.object({ code, label: z.string().min(1).max(100) })).max(20).optional(),
  active: z.boolean(),
});

export const handlingUnitSchema = z.object({
  code,
  name: z.string().min(1).max(100),
  roles: z.array(z.enum(DESK_SERVING_ROLES)).min(1).max(DESK_SERVING_ROLES.length),
  deskTitle: z.string().min(1).max(100).optional(),
  receiptLabel: z.string().min(1).max(100).optional(),
});

export const catalogueSchema = z
  .object({
    version: z.number().int().positive(),
    source: text,
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    services: z.array(serviceDefinitionSchema).min(1).max(100),
    handlingUnits: z.array(handlingUnitSchema).min(1).max(30).optional(),
  })
  .superRefine((c, ctx) => {
    const units = new Set<string>();
    (c.handlingUnits ?? []).forEach((u, i) => {
      if (units.has(u.code)) ctx.addIssue({ code: 'custom', path: ['handlingUnits', i, 'code'], message: `Kode unit "${u.code}" ganda.` });
      units.add(u.code);
    });
    const known = new Set(handlingUnitsOf(c).map((u) => u.code));
    const seen = new Set<string>();
    c.services.forEach((s, i) => {
      if (!known.has(s.handlerRole)) ctx.addIssue({ code: 'custom', path: ['services', i, 'handlerRole'], message: `unit penanganan "${s.handlerRole}" tidak dikenal dalam versi ini (unit yang ada: ${[...known].join(', ')}).` });
      if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: `Kode layanan "${s.code}" ganda.` });
      seen.add(s.code);
      const kinds = new Set<string>();
      (s.pauseKinds ?? []).forEach((k, j) => {
        if (RESERVED_PAUSE_CODES.includes(k.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'pauseKinds', j, 'code'], message: `Kode penundaan "${k.code}" dicadangkan untuk aplikasi.` });
        else if (kinds.has(k.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'pauseKinds', j, 'code'], message: `Kode penundaan "${k.code}" ganda.` });
        kinds.add(k.code);
      });
      const items = new Set<string>();
      s.requirements.forEach((r, j) => {
        if (items.has(r.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'requirements', j, 'code'], message: `Kode persyaratan "${r.code}" ganda.` });
        items.add(r.code);
      });
    });
  });

// Compile-time check that the schema and the hand-written types agree.
type _Check = z.infer<typeof catalogueSchema> extends Catalogue ? (Catalogue extends z.infer<typeof catalogueSchema> ? true : never) : never;
export const _catalogueSchemaMatchesType: _Check = true;
