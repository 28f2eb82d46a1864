/**
 * How a contract method is declared (DESIGN §1, STYLE "Register methods through one helper"): its zod input
 * and output, who may call it, and whether it changes data. Every contract file (api.ts and the files it
 * spreads) declares its methods with `method` and names access with the constants here, so the rules of
 * access and the common field shapes exist once. This file imports nothing of the contract itself, so
 * api.ts can spread the others without a cycle.
 */
import { z } from 'zod';
import type { Role } from '../domain/events/schema';

export type Access = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: readonly Role[] };
export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signed_in' };
export const roles = (...r: Role[]): Access => ({ kind: 'roles', roles: r });
export const SUPERVISOR: Access = roles('supervisor');
/** The desks: verifier, system admin, and the supervisor who oversees both. */
export const DESK: Access = roles('verifier', 'sysadmin', 'supervisor');

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** True for methods that change data; the transports refuse them on a read-only database. */
  mutates: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access, mutates: boolean): MethodDef<I, O> {
  return { input, output, access, mutates };
}

// ---- field shapes shared by several contract files ------------------------------------------------------

export const uuid = z.string().uuid({ message: 'Pengenal data tidak valid.' });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat TTTT-BB-HH.');

/** Optional free text: trimmed, at most `max` characters, an empty string becomes null. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} maksimal ${max} karakter.`)
    .transform((s) => (s === '' ? null : s))
    .nullable();

/** Required free text: trimmed, between `min` and `max` characters. */
export const requiredText = (min: number, max: number, label: string) =>
  z
    .string({ message: `${label} wajib diisi.` })
    .trim()
    .min(min, min <= 1 ? `${label} wajib diisi.` : `${label} minimal ${min} karakter.`)
    .max(max, `${label} maksimal ${max} karakter.`);
