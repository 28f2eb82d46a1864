/**
 * How a call is spoken in the waiting room, in Indonesian: "Nomor antrian A dua belas, silakan ke loket
 * verifikator". The announcement is a sequence of short recorded clips that ship with the app
 * (`renderer/public/voice/`, ADR 0013), one per word, so a number is read the way Indonesian reads it
 * (sebelas, dua belas, seratus, seratus sepuluh, nol) without any speech service. Pure.
 */

/** Queue numbers are read from 0 to 999 (a day's series never goes further; see domain/queue/numbers.ts). */
export const MAX_SPOKEN_NUMBER = 999;

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/**
 * The words of a whole number 0–999 as Indonesian reads it aloud:
 * 0 nol · 7 tujuh · 10 sepuluh · 11 sebelas · 12 dua belas · 20 dua puluh · 21 dua puluh satu ·
 * 100 seratus · 101 seratus satu · 110 seratus sepuluh · 111 seratus sebelas · 200 dua ratus · 999 sembilan
 * ratus sembilan puluh sembilan. "se-" replaces "satu" before belas/puluh/ratus.
 */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) throw new RangeError(`number out of range 0–${MAX_SPOKEN_NUMBER}: ${n}`);
  if (n === 0) return ['nol'];
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNITS[hundreds]!, 'ratus');
  if (rest === 0) return words;
  if (rest < 10) words.push(UNITS[rest]!);
  else if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest < 20) words.push(UNITS[rest - 10]!, 'belas');
  else {
    words.push(UNITS[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 !== 0) words.push(UNITS[rest % 10]!);
  }
  return words;
}

/** The number as one phrase ("dua belas"). */
export function numberText(n: number): string {
  return numberWords(n).join(' ');
}

/** Letters of the service groups, as spoken. */
export const LETTER_WORDS = { A: 'a', B: 'be' } as const;
export type QueueLetter = keyof typeof LETTER_WORDS;

export const DESK_ROLES = ['helpdesk', 'verifier', 'sysadmin'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

/** The desk's name as spoken and shown ("loket verifikator"). */
export const DESK_ROLE_WORDS: Readonly<Record<DeskRole, string>> = { helpdesk: 'helpdesk', verifier: 'verifikator', sysadmin: 'admin sistem' };

/**
 * Every clip the announcements use, by id (the file `voice/<id>.ogg`) and the words it says. The clips are
 * made from this list by `build/voice-clips.mjs`; a test holds every id an announcement can produce to a
 * file that exists.
 */
export const CLIP_TEXT: Readonly<Record<string, string>> = {
  'nomor-antrian': 'nomor antrian',
  'huruf-a': 'a',
  'huruf-b': 'be',
  ...Object.fromEntries(UNITS.map((w) => [w, w])),
  sepuluh: 'sepuluh',
  sebelas: 'sebelas',
  seratus: 'seratus',
  belas: 'belas',
  puluh: 'puluh',
  ratus: 'ratus',
  'silakan-ke-loket': 'silakan ke loket',
  'loket-helpdesk': 'helpdesk',
  'loket-verifier': 'verifikator',
  'loket-sysadmin': 'admin sistem',
};

/** The chime before every announcement (a two-tone gong, synthesised by build/voice-clips.mjs). */
export const CHIME_CLIP = 'chime';
export const ALL_CLIPS: readonly string[] = [CHIME_CLIP, ...Object.keys(CLIP_TEXT)];

export interface SpokenCall {
  letter: QueueLetter;
  number: number;
  desk: { role: DeskRole; number: number };
}

/** The sentence as displayed beside the call ("Nomor antrian A dua belas, silakan ke loket verifikator 2"). */
export function announcementText(c: SpokenCall): string {
  const desk = `loket ${DESK_ROLE_WORDS[c.desk.role]}${c.desk.number > 0 ? ` ${numberText(c.desk.number)}` : ''}`;
  return `Nomor antrian ${c.letter} ${numberText(c.number)}, silakan ke ${desk}`;
}

/** The clips of one announcement, in order: chime, "nomor antrian", the letter, the number, the desk. */
export function announcementClips(c: SpokenCall): string[] {
  return [
    CHIME_CLIP,
    'nomor-antrian',
    c.letter === 'A' ? 'huruf-a' : 'huruf-b',
    ...numberWords(c.number),
    'silakan-ke-loket',
    `loket-${c.desk.role}`,
    ...(c.desk.number > 0 ? numberWords(c.desk.number) : []),
  ];
}
