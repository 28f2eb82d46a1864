/**
 * `reduceVisitRun` (the bulk fold of a visit's run of events, ADR 0032) against `reduceVisit` applied one
 * event at a time: same state (values and key order, i.e. the same stored JSON), the caller's state left
 * untouched, and the same identities the projection's change tests look at (db/projections.ts: a mark, the
 * returns array).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/schema';
import { reduceVisit, reduceVisitRun, type VisitState } from './visit';

const CODES = ['npwp', 'akta', 'nib', 'ktp', 'sk', '10', '2'];

let n = 0;
function ev(type: string, payload: Record<string, unknown>, actorId: string | null): DomainEvent {
  n++;
  return {
    id: `e${n}`,
    hlc: `${String(n).padStart(12, '0')}:0000`,
    deviceId: 'pc-1',
    actorId,
    type,
    aggregateType: 'visit',
    aggregateId: 'visit-1',
    payload,
    schemaVersion: 1,
    recordedAt: n,
  } as DomainEvent;
}

const actor = fc.constantFrom('u-helpdesk', 'u-verifier', null);
const at = fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 });

const registered = fc.tuple(at, actor, fc.boolean()).map(([t, a, notice]) =>
  ev(
    'visit.registered',
    {
      arrivedAt: t,
      personId: 'p-1',
      vendorId: 'v-1',
      visitorRole: 'director',
      serviceCode: 'verifikasi',
      purposeNote: null,
      catalogueVersion: 1,
      visitorName: 'Budi',
      companyName: 'PT Abadi',
      ...(notice ? { privacyNoticeAt: t } : {}),
    },
    a,
  ),
);

const marked = fc
  .tuple(at, actor, fc.constantFrom(...CODES), fc.boolean(), fc.boolean(), fc.option(fc.constant('2027-01-01')), fc.option(fc.boolean(), { nil: undefined }), fc.option(fc.string({ maxLength: 8 })))
  .map(([t, a, itemCode, originalSeen, copyReceived, validUntil, noExpiry, note]) =>
    ev(
      'visit.item_marked',
      {
        itemCode,
        originalSeen,
        copyReceived,
        validUntil,
        ...(noExpiry === undefined ? {} : { noExpiry }),
        meteraiOk: true,
        notBrought: !originalSeen,
        note,
        at: t,
      },
      a,
    ),
  );

const other = fc.oneof(
  fc.tuple(at, actor).map(([t, a]) => ev('visit.checklist_started', { at: t }, a)),
  fc.tuple(at, actor, fc.constantFrom(...CODES)).map(([t, a, itemCode]) =>
    ev('visit.returned', { at: t, missing: [{ itemCode, label: itemCode.toUpperCase(), reason: 'not_brought' }], note: null }, a),
  ),
  fc.tuple(at, actor).map(([t, a]) => ev('visit.resumed', { at: t }, a)),
  fc.tuple(at, actor, fc.boolean()).map(([t, a, discretion]) =>
    ev('visit.handed_over', { at: t, to: 'verifier', receiptNo: `R-${t}`, discretionItems: discretion ? ['akta'] : [], ...(discretion ? { discretionReason: 'Pasal 6' } : {}) }, a),
  ),
  fc.tuple(at, actor).map(([t, a]) => ev('visit.claimed', { at: t }, a)),
  fc.tuple(at, actor).map(([t, a]) => ev('visit.completed', { at: t, note: null }, a)),
  fc.tuple(at, actor).map(([t, a]) => ev('visit.note_added', { at: t, text: 'catatan' }, a)),
  fc.tuple(at, actor).map(([t, a]) => ev('visit.closed', { at: t }, a)),
);

/** Mostly marks, in runs, as at the counter; sometimes before the registration or without one. */
const anyEvent = fc.oneof({ arbitrary: marked, weight: 6 }, { arbitrary: other, weight: 3 }, { arbitrary: registered, weight: 1 });

function oneByOne(state: VisitState | null, events: readonly (DomainEvent | null)[]): VisitState | null {
  let s = state;
  for (const e of events) if (e) s = reduceVisit(s, e);
  return s;
}

describe('reduceVisitRun', () => {
  it('folds a run exactly as reduceVisit one event at a time (property)', () => {
    fc.assert(
      fc.property(
        fc.option(registered, { nil: null }),
        fc.array(anyEvent, { maxLength: 12 }),
        fc.array(fc.option(anyEvent, { freq: 8 }), { maxLength: 25 }),
        (reg, before, run) => {
          // The caller's state: folded from earlier events (a previous page), as the store keeps it.
          const start = oneByOne(null, reg ? [reg, ...before] : before);
          const startJson = JSON.stringify(start);
          const expected = oneByOne(start, run);
          const actual = reduceVisitRun(start, run);
          // Same values in the same key order: the same JSON in `aggregates.state` on every PC.
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
          expect(actual).toEqual(expected);
          // The caller's state was not written into.
          expect(JSON.stringify(start)).toBe(startJson);
          // Nothing changed: the very same state (the projection writes nothing).
          expect(actual === start).toBe(expected === start);
          if (start && actual && expected) {
            // The projection rewrites exactly the marks and returns that changed (identity is its change test).
            for (const code of CODES) expect(actual.marks[code] === start.marks[code]).toBe(expected.marks[code] === start.marks[code]);
            expect(actual.returns === start.returns).toBe(expected.returns === start.returns);
            expect(actual.desk === start.desk).toBe(expected.desk === start.desk);
          }
        },
      ),
      { numRuns: 600, seed: 20261202 },
    );
  });

  it('leaves a state returned by an earlier run untouched when a later run folds onward from it', () => {
    const reg = ev('visit.registered', { arrivedAt: 1, personId: 'p', vendorId: null, visitorRole: 'director', serviceCode: 's', purposeNote: null, catalogueVersion: 1, visitorName: 'A', companyName: null }, null);
    const mark = (code: string, t: number) => ev('visit.item_marked', { itemCode: code, originalSeen: true, copyReceived: true, validUntil: null, meteraiOk: true, notBrought: false, note: null, at: t }, 'u');
    const first = reduceVisitRun(null, [reg, mark('a', 2), mark('b', 3)])!;
    const firstJson = JSON.stringify(first);
    const second = reduceVisitRun(first, [mark('a', 4), mark('c', 5)])!;
    expect(JSON.stringify(first)).toBe(firstJson);
    expect(Object.keys(second.marks)).toEqual(['a', 'b', 'c']);
    expect(second.marks.b).toBe(first.marks.b);
    expect(second.marks.a).not.toBe(first.marks.a);
    expect(second.updatedAt).toBe(5);
  });
});
