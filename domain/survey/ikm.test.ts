/** The IKM against hand-computed cases (PermenPANRB 14/2017), including the boundaries floats get wrong. */
import { describe, expect, it } from 'vitest';
import { addAnswers, computeIkm, emptyTallies, gradeOfHundredths, ikmProblemMessage, krejcieMorgan, lowestElements, TallyError, type Tallies } from './ikm';
import { ELEMENT_CODES, type ElementCode } from './questionnaire';

type Row = (number | null)[];
function talliesOf(rows: Row[]): Tallies {
  const t = emptyTallies();
  for (const r of rows) addAnswers(t, Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, r[i] ?? null])) as Record<ElementCode, number | null>);
  return t;
}
function tallies(a: number[], s: number[]): Tallies {
  return Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, { answered: a[i]!, sum: s[i]! }])) as Tallies;
}

describe('computeIkm', () => {
  it('computes NRR per element over those who answered it (blanks are not zeros), then Σ NRR / 9 × 25', () => {
    //        U1 U2 U3 U4 U5 U6 U7 U8    U9
    const rows: Row[] = [
      [4, 3, 2, 4, 3, 4, 4, 3, 3],
      [3, 3, 3, 4, 4, 4, 4, null, 3],
      [3, 3, 2, 4, 3, 3, 4, null, 4],
      [2, 3, 3, 4, 4, 3, 3, 2, null],
    ];
    const r = computeIkm(4, talliesOf(rows));
    // By hand: U1 12/4 = 3, U2 3, U3 10/4 = 2.5, U4 4, U5 3.5, U6 3.5, U7 15/4 = 3.75,
    // U8 5/2 = 2.5 (two answered), U9 10/3 = 3.333…; Σ = 349/12; IKM = 349/108 = 3.2314814…;
    // converted = 8725/108 = 80.787037… → 80.79 → B (Baik).
    expect(r.elements.U8).toMatchObject({ answered: 2, sum: 5, nrr: 2.5, nrrConverted: 62.5, category: 'D' });
    expect(r.elements.U9.nrr).toBeCloseTo(10 / 3, 12);
    expect(r.elements.U9.nrrConverted).toBe(83.33);
    expect(r.elements.U1).toMatchObject({ nrr: 3, nrrConverted: 75, category: 'C' });
    expect(r.elements.U4).toMatchObject({ nrr: 4, nrrConverted: 100, category: 'A' });
    expect(r.ikm).toBeCloseTo(349 / 108, 12);
    expect(r.ikmConverted).toBe(80.79);
    expect(r.ikmConvertedHundredths).toBe(8079);
    expect(r.grade).toBe('B');
    expect(r.problem).toBeNull();
    // Counting blanks as zeros (a common mistake) would have given U8 1.25 and a lower grade.
    expect(lowestElements(talliesOf(rows))).toEqual(['U3', 'U8', 'U1']);
  });

  it('a converted value of exactly 88.31 is A, even where floating point lands at 88.30999…', () => {
    // Every element 8,831/2,500 = 3.5324 → converted exactly 88.31.
    const even = computeIkm(2500, tallies(Array<number>(9).fill(2500), Array<number>(9).fill(8831)));
    expect(even.ikmConverted).toBe(88.31);
    expect(even.grade).toBe('A');
    expect(even.elements.U5.category).toBe('A');
    // Mixed denominators summing to exactly 88.31: the naive float sum is 88.30999999999999 (grade B if the
    // unrounded value is compared with 88.31), and with 0.111 for 1/9 it is 88.22.
    const a = [12, 10, 2, 12, 9, 1, 9, 6, 11250];
    const s = [47, 37, 7, 26, 36, 4, 35, 17, 42593];
    const naive = s.reduce((acc, x, i) => acc + x / a[i]!, 0) / 9 * 25;
    expect(naive).toBeLessThan(88.31);
    const r = computeIkm(11250, tallies(a, s));
    expect(r.ikmConverted).toBe(88.31);
    expect(r.grade).toBe('A');
  });

  it('76.6049… rounds to 76.60 and is C; exactly 76.605 rounds half-up to 76.61 and is B', () => {
    // Σ s / 100,000 per element: 2,757,777 / 100,000 × 25 / 9 = 76.604916…
    const below = computeIkm(100_000, tallies(Array<number>(9).fill(100_000), [306420, 306420, 306420, 306420, 306420, 306420, 306420, 306420, 306417]));
    expect(below.ikmConverted).toBe(76.6);
    expect(below.grade).toBe('C');
    expect((below.ikm! * 25).toFixed(4)).toBe('76.6049');
    // Σ NRR = 137,889 / 5,000 → converted exactly 76.605 → 76.61 → B.
    const half = computeIkm(5000, tallies(Array<number>(9).fill(5000), Array<number>(9).fill(15321)));
    expect(half.ikmConverted).toBe(76.61);
    expect(half.grade).toBe('B');
  });

  it('rounds half-up exactly where the float sum falls just below the half', () => {
    // Exact converted value 51.875; summed in doubles it is 51.874999999999… and Math.round gives 51.87.
    const a = [8, 10, 39, 1, 12, 26, 18, 7, 33];
    const s = [13, 18, 52, 1, 29, 52, 21, 28, 110];
    expect(Math.round((s.reduce((acc, x, i) => acc + x / a[i]!, 0) / 9) * 25 * 100)).toBe(5187);
    expect(computeIkm(39, tallies(a, s)).ikmConvertedHundredths).toBe(5188);
  });

  it('one respondent', () => {
    const r = computeIkm(1, talliesOf([[4, 3, 4, 4, 3, 4, 4, 3, 4]]));
    // Σ = 33; IKM = 33/9 = 3.666…; converted 91.666… → 91.67 → A.
    expect(r.ikm).toBeCloseTo(33 / 9, 12);
    expect(r.ikmConverted).toBe(91.67);
    expect(r.grade).toBe('A');
  });

  it('one respondent who left an element blank: no IKM, and a clear message', () => {
    const r = computeIkm(1, talliesOf([[4, 3, 4, 4, 3, 4, 4, null, 4]]));
    expect(r.ikm).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.problem).toEqual({ kind: 'unanswered_elements', codes: ['U8'] });
    expect(ikmProblemMessage(r.problem!)).toContain('U8');
    expect(r.elements.U1.nrr).toBe(4);
  });

  it('a period with no respondents: a message, no division by zero, no NaN', () => {
    const r = computeIkm(0, emptyTallies());
    expect(r.problem).toEqual({ kind: 'no_respondents' });
    expect(r.ikm).toBeNull();
    expect(r.ikmConverted).toBeNull();
    for (const c of ELEMENT_CODES) expect(r.elements[c].nrr).toBeNull();
    expect(JSON.stringify(r)).not.toContain('NaN');
    expect(ikmProblemMessage(r.problem!)).toBe('Belum ada responden pada periode ini: IKM belum dapat dihitung.');
  });

  it('refuses impossible tallies instead of printing a grade', () => {
    expect(() => computeIkm(2, tallies(Array<number>(9).fill(3), Array<number>(9).fill(9)))).toThrow(TallyError); // answered > respondents
    expect(() => computeIkm(2, tallies(Array<number>(9).fill(2), Array<number>(9).fill(9)))).toThrow(TallyError); // sum > 4 × answered
    expect(() => computeIkm(2, tallies(Array<number>(9).fill(2), Array<number>(9).fill(1)))).toThrow(TallyError); // sum < answered
  });
});

describe('grades and categories', () => {
  it('inclusive lower bounds on the rounded value', () => {
    expect(gradeOfHundredths(10000)).toBe('A');
    expect(gradeOfHundredths(8831)).toBe('A');
    expect(gradeOfHundredths(8830)).toBe('B');
    expect(gradeOfHundredths(7661)).toBe('B');
    expect(gradeOfHundredths(7660)).toBe('C');
    expect(gradeOfHundredths(6500)).toBe('C');
    expect(gradeOfHundredths(6499)).toBe('D');
    expect(gradeOfHundredths(2500)).toBe('D');
  });
});

describe('krejcieMorgan', () => {
  it('matches the published table', () => {
    const table: [number, number][] = [
      [10, 10],
      [100, 80],
      [200, 132],
      [500, 217],
      [1000, 278],
      [2000, 322],
      [5000, 357],
      [10_000, 370],
      [1_000_000, 384],
    ];
    for (const [n, s] of table) expect(krejcieMorgan(n), `N = ${n}`).toBe(s);
    expect(krejcieMorgan(0)).toBe(0);
    expect(krejcieMorgan(1)).toBe(1);
  });
});
