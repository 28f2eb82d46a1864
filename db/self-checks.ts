/**
 * Checks of what this process produced itself (docs/adr/0025-one-check-per-boundary.md). Data from outside
 * the process — an IPC or HTTP call, a CLI argument, a synced event, a file — is validated at the boundary
 * where it enters, always. What the process then builds from it is checked where mistakes are made and found:
 * in tests and development, which run the sources directly. There:
 * - a handler's answer is validated against the method's output schema (backend/dispatch.ts), and
 * - the payload of an event a handler built is validated against its event type's schema (stampEvents),
 * and each must come out of its schema unchanged: no key stripped, no default filled in, no transform, so
 * the built app, which returns and stores them as they are, behaves exactly as the checked one. The built
 * app (`LPSE_BUILD`, set by build/build.mjs for every bundle) skips both: TypeScript holds handlers to the
 * contract's types, and the two parses cost about a tenth of a counter action's CPU (bench/record.ts).
 * `LPSE_SELF_CHECKS=1` turns them on in a built app (to hunt a suspected mismatch in the field).
 */
export const SELF_CHECKS: boolean = process.env.LPSE_BUILD !== '1' || process.env.LPSE_SELF_CHECKS === '1';

/**
 * Whether a schema's output equals its input as data: the same JSON-like values, an absent key and a key
 * holding `undefined` counted alike (neither survives serialisation).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of Object.keys(ra)) if (!sameData(ra[k], rb[k])) return false;
  for (const k of Object.keys(rb)) if (!(k in ra) && rb[k] !== undefined) return false;
  return true;
}
