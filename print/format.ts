/** Indonesian formatting for printed documents (WITA times, dates, durations). Pure. */
import { formatWita, NAMA_BULAN, parseIsoDate, toWitaParts } from '../domain/time/wita';

/** "Kamis, 26 November 2026 13:05 WITA" */
export function dateTimeWita(ms: number): string {
  return formatWita(ms, 'datetime');
}

/** "26 November 2026" (no weekday), for an instant. */
export function dateWita(ms: number): string {
  const p = toWitaParts(ms);
  return `${p.day} ${NAMA_BULAN[p.month - 1] ?? ''} ${p.year}`;
}

/** "26/11/2026 13:05" — compact, for thermal rolls. */
export function shortDateTimeWita(ms: number): string {
  const p = toWitaParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)} WITA`;
}

/** "31 Desember 2027" for an ISO date; the input itself if it is not a valid date. */
export function isoDateId(iso: string): string {
  const p = parseIsoDate(iso);
  return p ? `${p.day} ${NAMA_BULAN[p.month - 1] ?? ''} ${p.year}` : iso;
}

/** "November 2026" for "2026-11". */
export function monthId(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${NAMA_BULAN[(m ?? 1) - 1] ?? ''} ${y}`;
}

/** Working minutes as "1 j 05 m" / "25 m" / "2,5 hari kerja" style text is left to callers; this gives "1 jam 5 menit". */
export function minutesId(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} menit`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r === 0 ? `${h} jam` : `${h} jam ${r} menit`;
}

/** Number with Indonesian separators: 12.345 and 87,5. */
export function numberId(n: number, fractionDigits = 0): string {
  return n.toLocaleString('id-ID', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}
