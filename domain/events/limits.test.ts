/**
 * `payloadLimitsAndText` (ADR 0033): the same verdict as `checkPayloadLimits`, and the JSON text a pulled
 * event is then stored as — exactly `JSON.stringify` of the payload, and none for a payload refused by shape.
 */
import { describe, expect, it } from 'vitest';
import { checkPayloadLimits, MAX_PAYLOAD_CHARS, MAX_PAYLOAD_DEPTH, payloadLimitsAndText } from './limits';

describe('payloadLimitsAndText', () => {
  it('gives the payload as JSON.stringify writes it, with the same verdict as checkPayloadLimits', () => {
    const payloads: unknown[] = [
      { visitId: 'v-1', items: [{ code: 'A1', ok: true }], note: 'Pelayanan — “LPSE” ✓', n: 3, skipped: undefined },
      ['a', 1, null, false],
      'text',
      42,
      null,
    ];
    for (const p of payloads) {
      const r = payloadLimitsAndText(p);
      expect(r.violation).toBeNull();
      expect(r.violation).toEqual(checkPayloadLimits(p));
      expect(r.text).toBe(JSON.stringify(p));
    }
  });

  it('refuses what checkPayloadLimits refuses; no text for a shape refused before measuring', () => {
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_PAYLOAD_DEPTH; i++) deep = { d: deep };
    const tooDeep = payloadLimitsAndText(deep);
    expect(tooDeep.violation?.code).toBe('payload_too_deep');
    expect(tooDeep.text).toBeNull();
    expect(payloadLimitsAndText({ n: Number.NaN }).violation?.code).toBe('payload_number_out_of_range');
    const big = { s: 'x'.repeat(MAX_PAYLOAD_CHARS) };
    expect(payloadLimitsAndText(big).violation).toEqual(checkPayloadLimits(big));
    expect(payloadLimitsAndText(big).violation?.code).toBe('payload_too_large');
  });
});
