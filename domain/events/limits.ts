/**
 * The limits every event payload must keep, enforced identically where an event is written (stamping on a
 * workstation), where it enters the shared log (the server's push) and where it is applied (a workstation's
 * pull): what the server accepts, every PC can store, fold and send on. One module, imported by all three.
 *
 * - depth: objects and arrays nested at most MAX_PAYLOAD_DEPTH deep (a payload nested thousands of levels
 *   deep overflows recursive code further on: JSON serialisers, reducers, the canonical form);
 * - size: at most MAX_PAYLOAD_CHARS of JSON (the catalogue, the largest payload, is tens of kilobytes);
 * - numbers: finite and within ±Number.MAX_SAFE_INTEGER (JSON has no Infinity: `1e400` parses to Infinity
 *   and would be stored as `null`; beyond 2^53 integers lose precision differently in each language);
 * - breadth: at most MAX_CONTAINER_ITEMS entries in one object or array.
 *
 * The check walks the payload with an explicit stack, so a hostile payload cannot overflow it. Pure.
 */

export const MAX_PAYLOAD_DEPTH = 32;
export const MAX_PAYLOAD_CHARS = 512 * 1024;
export const MAX_CONTAINER_ITEMS = 20_000;
export const MAX_PAYLOAD_NUMBER = Number.MAX_SAFE_INTEGER;

export type LimitCode = 'payload_too_deep' | 'payload_too_large' | 'payload_number_out_of_range' | 'payload_invalid_value' | 'payload_too_wide';

export interface LimitViolation {
  code: LimitCode;
  /** Indonesian, for the sender's status line and the supervisor's list. */
  message: string;
}

const MESSAGES: Record<LimitCode, string> = {
  payload_too_deep: `Isi data bertingkat lebih dari ${MAX_PAYLOAD_DEPTH} tingkat.`,
  payload_too_large: `Isi data lebih besar dari ${MAX_PAYLOAD_CHARS / 1024} KiB.`,
  payload_number_out_of_range: 'Isi data memuat angka di luar rentang yang dapat disimpan.',
  payload_invalid_value: 'Isi data memuat nilai yang tidak dapat disimpan sebagai JSON.',
  payload_too_wide: `Isi data memuat lebih dari ${MAX_CONTAINER_ITEMS} unsur dalam satu daftar.`,
};

function violation(code: LimitCode): LimitViolation {
  return { code, message: MESSAGES[code] };
}

/**
 * Checks a payload's shape (depth, breadth, numbers, value kinds). `serialized`, when the caller already
 * has the JSON text, is checked for size; otherwise the size is measured here.
 */
export function checkPayloadLimits(payload: unknown, serialized?: string): LimitViolation | null {
  return payloadLimitsAndText(payload, serialized).violation;
}

/**
 * `checkPayloadLimits`, also giving the JSON text it measured (`JSON.stringify(payload)`; null when the
 * shape was refused before it was measured). A pulled page stores each payload as that text, so it is made
 * once per event (docs/adr/0037-pull-download-off-the-applying-thread.md).
 */
export function payloadLimitsAndText(payload: unknown, serialized?: string): { violation: LimitViolation | null; text: string | null } {
  const stack: { value: unknown; depth: number }[] = [{ value: payload, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return refused('payload_number_out_of_range');
      if (Math.abs(value) > MAX_PAYLOAD_NUMBER) return refused('payload_number_out_of_range');
      continue;
    }
    if (typeof value !== 'object') return refused('payload_invalid_value'); // undefined at the top, bigint, function…
    if (depth >= MAX_PAYLOAD_DEPTH) return refused('payload_too_deep');
    if (Array.isArray(value)) {
      if (value.length > MAX_CONTAINER_ITEMS) return refused('payload_too_wide');
      for (const v of value) stack.push({ value: v, depth: depth + 1 });
    } else {
      let n = 0;
      for (const k in value) {
        if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
        if (++n > MAX_CONTAINER_ITEMS) return refused('payload_too_wide');
        const v = (value as Record<string, unknown>)[k];
        if (v !== undefined) stack.push({ value: v, depth: depth + 1 });
      }
    }
  }
  const text = serialized ?? JSON.stringify(payload) ?? null;
  if ((text?.length ?? 0) > MAX_PAYLOAD_CHARS) return { violation: violation('payload_too_large'), text };
  return { violation: null, text };
}

function refused(code: LimitCode): { violation: LimitViolation; text: null } {
  return { violation: violation(code), text: null };
}
