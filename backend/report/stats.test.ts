import { describe, expect, it } from 'vitest';
import { monthRange } from './month';
import { median, pct, percentile } from './stats';
import { csvField } from './csv';
import { niceScale } from '../../print/charts';

describe('report statistics', () => {
  it('percentiles interpolate like Excel PERCENTILE.INC', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    // PERCENTILE.INC({1..10}, 0.9) = 9.1
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 10);
    expect(() => percentile([1], 1.5)).toThrow();
  });
  it('percentages to one decimal, null for nothing to divide', () => {
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
  });
  it('months', () => {
    expect(monthRange('2026-02').days).toHaveLength(28);
    expect(monthRange('2028-02').lastDay).toBe('2028-02-29');
    expect(monthRange('2026-12').nextFirstDay).toBe('2027-01-01');
    expect(() => monthRange('2026-13')).toThrow();
  });
  it('CSV fields: quoting, decimal comma, no formula injection', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(12.5)).toBe('12,5');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
  });
  it('chart axes end on round numbers', () => {
    expect(niceScale(37)).toEqual({ max: 40, step: 10 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });
});
