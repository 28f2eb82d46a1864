/** Month arithmetic for reports: "2026-11" → its days (WITA dates). Pure. */
import { addDaysIso } from '../../domain/time/wita';

export interface MonthRange {
  month: string;
  /** First day of the month, `YYYY-MM-01`. */
  firstDay: string;
  /** Last day of the month. */
  lastDay: string;
  /** First day of the next month (exclusive bound of `day` range queries). */
  nextFirstDay: string;
  days: string[];
}

export function monthRange(month: string): MonthRange {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`Bulan tidak valid: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const firstDay = `${m[1]}-${m[2]}-01`;
  const nextFirstDay = mo === 12 ? `${y + 1}-01-01` : `${m[1]}-${String(mo + 1).padStart(2, '0')}-01`;
  const days: string[] = [];
  for (let d = firstDay; d < nextFirstDay; d = addDaysIso(d, 1)) days.push(d);
  return { month, firstDay, lastDay: days[days.length - 1]!, nextFirstDay, days };
}
