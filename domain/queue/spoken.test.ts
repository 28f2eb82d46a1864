import { describe, expect, it } from 'vitest';
import { announcementClips, announcementText, numberText, numberWords } from './spoken';

/** How Indonesian reads numbers aloud (KBBI; "se-" before belas/puluh/ratus), written out by hand. */
const TABLE: [number, string][] = [
  [0, 'nol'],
  [1, 'satu'],
  [7, 'tujuh'],
  [9, 'sembilan'],
  [10, 'sepuluh'],
  [11, 'sebelas'],
  [12, 'dua belas'],
  [15, 'lima belas'],
  [19, 'sembilan belas'],
  [20, 'dua puluh'],
  [21, 'dua puluh satu'],
  [30, 'tiga puluh'],
  [45, 'empat puluh lima'],
  [99, 'sembilan puluh sembilan'],
  [100, 'seratus'],
  [101, 'seratus satu'],
  [110, 'seratus sepuluh'],
  [111, 'seratus sebelas'],
  [112, 'seratus dua belas'],
  [119, 'seratus sembilan belas'],
  [120, 'seratus dua puluh'],
  [199, 'seratus sembilan puluh sembilan'],
  [200, 'dua ratus'],
  [201, 'dua ratus satu'],
  [210, 'dua ratus sepuluh'],
  [211, 'dua ratus sebelas'],
  [305, 'tiga ratus lima'],
  [411, 'empat ratus sebelas'],
  [500, 'lima ratus'],
  [617, 'enam ratus tujuh belas'],
  [780, 'tujuh ratus delapan puluh'],
  [808, 'delapan ratus delapan'],
  [999, 'sembilan ratus sembilan puluh sembilan'],
];

const UNIT: Record<string, number> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };

/** An independent reader of the words back into a number: what a listener hears. */
function hear(words: string[]): number {
  if (words.join(' ') === 'nol') return 0;
  let total = 0;
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const next = words[i + 1];
    if (w === 'seratus') { total += 100; i++; }
    else if (w === 'sepuluh') { total += 10; i++; }
    else if (w === 'sebelas') { total += 11; i++; }
    else if (w in UNIT && next === 'ratus') { total += UNIT[w]! * 100; i += 2; }
    else if (w in UNIT && next === 'puluh') { total += UNIT[w]! * 10; i += 2; }
    else if (w in UNIT && next === 'belas') { total += UNIT[w]! + 10; i += 2; }
    else if (w in UNIT) { total += UNIT[w]!; i++; }
    else throw new Error(`unexpected word ${w} in ${words.join(' ')}`);
  }
  return total;
}

describe('Indonesian number reading (issue 16)', () => {
  it.each(TABLE)('%i is read "%s"', (n, text) => {
    expect(numberText(n)).toBe(text);
  });

  it('every number 0–999 is heard back as itself, never with "satu" before belas/puluh/ratus', () => {
    for (let n = 0; n <= 999; n++) {
      const words = numberWords(n);
      expect(hear(words), `${n}: ${words.join(' ')}`).toBe(n);
      expect(words.join(' '), String(n)).not.toMatch(/satu (belas|puluh|ratus)/);
      if (n > 0) expect(words).not.toContain('nol');
    }
  });

  it('refuses numbers it cannot read', () => {
    expect(() => numberWords(1000)).toThrow(RangeError);
    expect(() => numberWords(-1)).toThrow(RangeError);
    expect(() => numberWords(1.5)).toThrow(RangeError);
  });

  it('an announcement: the sentence and its clips in order', () => {
    const call = { letter: 'A' as const, number: 12, desk: { role: 'verifier' as const, number: 0 } };
    expect(announcementText(call)).toBe('Nomor antrian A dua belas, silakan ke loket verifikator');
    expect(announcementClips(call)).toEqual(['chime', 'nomor-antrian', 'huruf-a', 'dua', 'belas', 'silakan-ke-loket', 'loket-verifier']);
    expect(announcementClips({ letter: 'B', number: 111, desk: { role: 'helpdesk', number: 2 } })).toEqual([
      'chime',
      'nomor-antrian',
      'huruf-b',
      'seratus',
      'sebelas',
      'silakan-ke-loket',
      'loket-helpdesk',
      'dua',
    ]);
  });
});
