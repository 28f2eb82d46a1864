import { describe, expect, it } from 'vitest';
import { figure, meetsTarget, percentile, summarize } from './harness';

describe('bench statistics', () => {
  it('interpolates percentiles between closest ranks', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(s, 0)).toBe(1);
    expect(percentile(s, 100)).toBe(10);
    expect(percentile(s, 50)).toBe(5.5);
    expect(percentile(s, 90)).toBeCloseTo(9.1);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('summarizes unsorted samples', () => {
    const sum = summarize([5, 1, 3, 2, 4]);
    expect(sum).toMatchObject({ n: 5, min: 1, max: 5, p50: 3, mean: 3 });
    expect(sum.p99).toBeCloseTo(4.96);
  });
});

describe('figures against targets', () => {
  it('checks each kind of bound', () => {
    expect(meetsTarget(2, '<= 2')).toBe(true);
    expect(meetsTarget(2.001, '<= 2')).toBe(false);
    expect(meetsTarget(2, '< 2')).toBe(false);
    expect(meetsTarget(100, '>= 100')).toBe(true);
    expect(meetsTarget(99, '> 99')).toBe(false);
  });

  it('reports the value, the target, whether it is met, and the details', () => {
    const f = figure(0.91234, '<= 2', { baseline_ms: 0.3 });
    expect(f).toEqual({ value: 0.912, target: '<= 2', ok: true, baseline_ms: 0.3 });
    expect(figure(1600, '<= 1500').ok).toBe(false);
  });
});
