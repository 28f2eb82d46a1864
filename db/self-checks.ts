/**
 * Checks of what this process produced itself (docs/adr/0025-one-check-per-boundary.md). Data from outside
 * the process — an IPC or HTTP call, a CLI argument, a synced event, a file — is validated at the boundary
 * where it enters, always. What the process then builds from it is checked where mistakes are made and found:
 * in tests and development, which run the sources directly: there a handler's answer is validated against
 * the method's output schema (backend/dispatch.ts) and must come out of it unchanged — no key stripped, no
 * default filled in, no transform — so the built app, which returns it as it is, answers exactly as the
 * checked one (key order aside: answers are read by field name). The built app (`LPSE_BUILD`, set by
 * build/build.mjs for every bundle) skips the parse: TypeScript holds handlers to the contract's types, and
 * it cost about 6 % of a counter action's CPU (bench/record.ts). An event's payload is still parsed on every
 * write (db/event-store.ts `stampEvents`): the parse sets the key order every PC folds it in.
 * `LPSE_SELF_CHECKS=1` turns them on in a built app (to hunt a suspected mismatch in the field).
 */
export const SELF_CHECKS: boolean = process.env.LPSE_BUILD !== '1' || process.env.LPSE_SELF_CHECKS === '1';

/**
 * Whether a schema's output equals its input as data: the same JSON-like values, an absent key and a key
 * holding `undefined` counted alike (neither survives serialisation), key order not compared.
 */
export function sameData(a: unknown, b: unknown): boolean {
  return dataDifference(a, b) === null;
}

/** Where two values first differ as data (a path such as `timeline.3.summary`, '' for the top), or null. */
export function dataDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path;
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const d = dataDifference(a[i], b[i], at(i));
      if (d !== null) return d;
    }
    return null;
  }
  if (Array.isArray(b)) return path;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime() ? null : path;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    const same = ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return same ? null : path;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // Key order is not compared: an answer is read by field name (renderer, CLI), and JSON does not order keys.
  for (const k of Object.keys(ra)) {
    const d = dataDifference(ra[k], rb[k], at(k));
    if (d !== null) return d;
  }
  for (const k of Object.keys(rb)) if (!(k in ra) && rb[k] !== undefined) return at(k);
  return null;
}
