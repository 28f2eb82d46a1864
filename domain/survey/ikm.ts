/**
 * The Indeks Kepuasan Masyarakat, exactly as PermenPANRB 14/2017 computes it (DOMAIN-RULES "Satisfaction
 * survey"):
 *
 *   NRR per element   = sum of its answers / number of respondents who answered it (blanks are not zeros)
 *   IKM               = Σ NRR × 1/9           (exactly one ninth, not 0.111)
 *   converted IKM     = IKM × 25               (scale 25–100)
 *   shown value       = converted IKM rounded half-up to two decimals, only at the end
 *   grade             = read from the shown value with inclusive lower bounds:
 *                       ≥ 88.31 A Sangat Baik · ≥ 76.61 B Baik · ≥ 65.00 C Kurang Baik · else D Tidak Baik
 *
 * Floating point cannot do this: 76.605 is stored as 76.60499999… and would round down, and Σ NRR / 9 × 25
 * picks up errors in the last digits that move a value across a bound. So every value is first an exact
 * fraction of integers (BigInt), rounded once; the unrounded figures are reported as doubles for display
 * only and never graded. Pure.
 */
import { ELEMENT_CODES, type ElementCode } from './questionnaire';

export type Grade = 'A' | 'B' | 'C' | 'D';

export const GRADE_LABEL: Record<Grade, string> = { A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik' };

/** Inclusive lower bounds of each grade on the converted scale, in hundredths. */
export const GRADE_BOUNDS_HUNDREDTHS: readonly { grade: Grade; min: number }[] = [
  { grade: 'A', min: 8831 },
  { grade: 'B', min: 7661 },
  { grade: 'C', min: 6500 },
  { grade: 'D', min: 2500 },
];

/** The grade of a value already rounded to hundredths (e.g. 7661 for 76.61). */
export function gradeOfHundredths(hundredths: number): Grade {
  for (const b of GRADE_BOUNDS_HUNDREDTHS) if (hundredths >= b.min) return b.grade;
  return 'D';
}

/** An exact non-negative fraction. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function add(a: Fraction, b: Fraction): Fraction {
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** num/den rounded half-up to hundredths, as an integer count of hundredths. num, den ≥ 0, den > 0. */
export function roundHalfUpHundredths(f: Fraction): number {
  // floor(num/den × 100 + 1/2) = floor((200·num + den) / (2·den))
  return Number((200n * f.num + f.den) / (2n * f.den));
}

/** A double for display; exact enough to 15 digits. */
export function toDouble(f: Fraction): number {
  // Scale before dividing so large denominators keep their precision.
  const scaled = (f.num * 10n ** 18n) / f.den;
  return Number(scaled) / 1e18;
}

export interface ElementTally {
  /** Respondents who answered this element (blanks excluded). */
  answered: number;
  /** Sum of their answers (1–4 each). */
  sum: number;
}
export type Tallies = Record<ElementCode, ElementTally>;

export function emptyTallies(): Tallies {
  return Object.fromEntries(ELEMENT_CODES.map((c) => [c, { answered: 0, sum: 0 }])) as Tallies;
}

/** Adds one response's answers (null = not answered) to running tallies. */
export function addAnswers(t: Tallies, answers: Readonly<Record<ElementCode, number | null>>): void {
  for (const c of ELEMENT_CODES) {
    const v = answers[c];
    if (v === null || v === undefined) continue;
    t[c].answered += 1;
    t[c].sum += v;
  }
}

export class TallyError extends Error {}

export interface ElementResult {
  answered: number;
  sum: number;
  /** sum / answered, unrounded (null when nobody answered). */
  nrr: number | null;
  /** NRR × 25 rounded half-up to two decimals (null when nobody answered). */
  nrrConverted: number | null;
  /** Quality category of the element, on the same scale and bounds as the IKM. */
  category: Grade | null;
}

export interface IkmResult {
  respondents: number;
  elements: Record<ElementCode, ElementResult>;
  /** Σ NRR / 9, unrounded; null when it cannot be computed (see `problem`). */
  ikm: number | null;
  /** IKM × 25 rounded half-up to two decimals. */
  ikmConverted: number | null;
  /** The same value in hundredths (7661 for 76.61), the one the grade is read from. */
  ikmConvertedHundredths: number | null;
  grade: Grade | null;
  /** Why there is no IKM: no respondents, or an element nobody answered. */
  problem: { kind: 'no_respondents' } | { kind: 'unanswered_elements'; codes: ElementCode[] } | null;
}

/**
 * Computes NRR per element, the IKM, its converted value and grade from per-element tallies. Tallies are
 * checked (answered ≤ respondents, answered ≤ sum ≤ 4 × answered): a report built from corrupt counts
 * must fail loudly, not print a wrong grade.
 */
export function computeIkm(respondents: number, tallies: Tallies): IkmResult {
  if (!Number.isSafeInteger(respondents) || respondents < 0) throw new TallyError(`respondents must be a whole number, got ${respondents}`);
  const elements = {} as Record<ElementCode, ElementResult>;
  let total: Fraction = { num: 0n, den: 1n };
  const unanswered: ElementCode[] = [];
  for (const c of ELEMENT_CODES) {
    const { answered, sum } = tallies[c];
    if (!Number.isSafeInteger(answered) || !Number.isSafeInteger(sum) || answered < 0 || answered > respondents || sum < answered || sum > 4 * answered) {
      throw new TallyError(`tally of ${c} is impossible: answered ${answered}, sum ${sum}, respondents ${respondents}`);
    }
    if (answered === 0) {
      unanswered.push(c);
      elements[c] = { answered, sum, nrr: null, nrrConverted: null, category: null };
      continue;
    }
    const nrr: Fraction = { num: BigInt(sum), den: BigInt(answered) };
    total = add(total, nrr);
    const convertedH = roundHalfUpHundredths({ num: nrr.num * 25n, den: nrr.den });
    elements[c] = { answered, sum, nrr: sum / answered, nrrConverted: convertedH / 100, category: gradeOfHundredths(convertedH) };
  }
  if (respondents === 0) {
    return { respondents, elements, ikm: null, ikmConverted: null, ikmConvertedHundredths: null, grade: null, problem: { kind: 'no_respondents' } };
  }
  if (unanswered.length > 0) {
    return {
      respondents,
      elements,
      ikm: null,
      ikmConverted: null,
      ikmConvertedHundredths: null,
      grade: null,
      problem: { kind: 'unanswered_elements', codes: unanswered },
    };
  }
  const ikm: Fraction = { num: total.num, den: total.den * 9n };
  const convertedH = roundHalfUpHundredths({ num: ikm.num * 25n, den: ikm.den });
  return {
    respondents,
    elements,
    ikm: toDouble(ikm),
    ikmConverted: convertedH / 100,
    ikmConvertedHundredths: convertedH,
    grade: gradeOfHundredths(convertedH),
    problem: null,
  };
}

/** The Indonesian sentence for a missing IKM. */
export function ikmProblemMessage(p: NonNullable<IkmResult['problem']>): string {
  if (p.kind === 'no_respondents') return 'Belum ada responden pada periode ini: IKM belum dapat dihitung.';
  return `Unsur ${p.codes.join(', ')} belum dijawab oleh satu responden pun pada periode ini: IKM (rata-rata sembilan unsur) belum dapat dihitung.`;
}

/**
 * The elements with the lowest NRR (the ones the improvement plan should address first), lowest first;
 * ties are broken by code so every PC lists the same ones. Exact comparison of fractions.
 */
export function lowestElements(tallies: Tallies, n = 3): ElementCode[] {
  const answered = ELEMENT_CODES.filter((c) => tallies[c].answered > 0);
  return answered
    .slice()
    .sort((a, b) => {
      const x = BigInt(tallies[a].sum) * BigInt(tallies[b].answered);
      const y = BigInt(tallies[b].sum) * BigInt(tallies[a].answered);
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
    })
    .slice(0, n);
}

/**
 * Minimum sample of Krejcie & Morgan (1970) for a population of N, with χ² = 3.841 (1 degree of freedom,
 * 95 %), P = 0.5 and d = 0.05, rounded to the nearest whole respondent as their table is (100 → 80,
 * 500 → 217, 1,000 → 278, 10,000 → 370, 1,000,000 → 384). Never more than the population itself.
 */
export function krejcieMorgan(population: number): number {
  if (!Number.isFinite(population) || population <= 0) return 0;
  const chi2 = 3.841;
  const pq = 0.25;
  const d2 = 0.0025;
  const s = (chi2 * population * pq) / (d2 * (population - 1) + chi2 * pq);
  return Math.min(population, Math.round(s));
}
