/**
 * Small statistics for the report. Percentiles use linear interpolation between closest ranks (the method
 * of Excel's PERCENTILE.INC / R type 7), so a supervisor can check a figure against the detail sheet with
 * Excel's own function. Pure.
 */

/** The p-th percentile (0 ≤ p ≤ 1) of `values`; null for an empty list. Does not modify `values`. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1]: ${p}`);
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** part / whole in percent with one decimal; null when whole is 0. */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Rounds minutes to one decimal (reports show minutes, not milliseconds). */
export function roundMin(m: number | null): number | null {
  return m === null ? null : Math.round(m * 10) / 10;
}
