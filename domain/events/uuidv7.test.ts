import { describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7 } from './uuidv7';

describe('uuidv7', () => {
  it('encodes the milliseconds, version 7 and the RFC variant around the random bits', () => {
    const ms = Date.UTC(2026, 10, 26, 1, 2, 3, 456);
    const id = uuidv7(ms, (b) => b.fill(0xff));
    expect(id).toMatch(UUID_RE);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    expect(id.slice(14, 15)).toBe('7');
    expect(id).toBe(`${ms.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7fff-bfff-ffffffffffff`);
    expect(uuidv7(ms, (b) => b.fill(0))).toBe(`${ms.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7000-8000-000000000000`);
  });

  it('sorts by creation time and does not repeat', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(UUID_RE);
  });
});
