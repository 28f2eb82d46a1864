/**
 * Queue numbers (issue 16, ADR 0013). A number is for one WITA day and one letter (A, or B for the
 * services the office puts in its second group), derived from the log like receipt numbers (ADR 0011 §4):
 * one more than the highest this PC holds for the day and letter. PCs that hand out numbers are the
 * office's *stations*; station s of k draws only numbers ≡ s (mod k), so two stations offline never hand
 * out the same number, and once they sync each sees the other's numbers and goes on above them. With one
 * station the numbers simply count 1, 2, 3… Pure.
 */
import { MAX_SPOKEN_NUMBER } from './spoken';

export type QueueLetter = 'A' | 'B';

/** "A012": the letter and three digits, as printed and shown; spoken without the zeros. */
export function queueLabel(letter: QueueLetter, n: number): string {
  return `${letter}${String(n).padStart(3, '0')}`;
}

const LABEL_RE = /^([AB])(\d{3})$/;
export function parseQueueLabel(label: string): { letter: QueueLetter; number: number } | null {
  const m = LABEL_RE.exec(label);
  return m ? { letter: m[1] as QueueLetter, number: Number(m[2]) } : null;
}

/** The scope numbers count within: a day and a letter. */
export function queueScope(day: string, letter: QueueLetter): string {
  return `${day}-${letter}`;
}

export interface StationPlan {
  /** 1-based position of this PC among the stations. */
  station: number;
  stations: number;
}

/**
 * This PC's place among the stations: the office's list when it set one (a PC not on it issues no number:
 * null), else every workstation of the office in the order their keys were registered (safe without any
 * setting: each PC its own class), this PC last if its own registration has not reached it yet.
 */
export function stationPlan(deviceId: string, configured: readonly string[], registeredDevices: readonly string[]): StationPlan | null {
  if (configured.length > 0) {
    const i = configured.indexOf(deviceId);
    return i < 0 ? null : { station: i + 1, stations: configured.length };
  }
  const list = registeredDevices.includes(deviceId) ? registeredDevices : [...registeredDevices, deviceId];
  return { station: list.indexOf(deviceId) + 1, stations: list.length };
}

/**
 * The next number for a station: the smallest number above `highest` (the highest of the day and letter
 * this PC knows, from any station) in the station's residue class. Null when the day's numbers are used up
 * (above 999, which the voice reads; an office hands out far fewer).
 */
export function nextQueueNumber(highest: number, plan: StationPlan): number | null {
  let n = highest + 1;
  const want = plan.station % plan.stations;
  while (n % plan.stations !== want) n++;
  return n > MAX_SPOKEN_NUMBER ? null : n;
}

/** The letter of a service: B for the office's second group (e.g. SPSE assistance), A otherwise. */
export function letterOf(serviceCode: string | null, groupB: readonly string[] | null): QueueLetter {
  return groupB !== null && serviceCode !== null && groupB.includes(serviceCode) ? 'B' : 'A';
}
