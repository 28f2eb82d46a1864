/** Counter hours as a sentence for printed slips: "Senin–Kamis 07.30–16.00 WITA; Jumat 07.30–16.30 WITA". Pure. */
import type { OpeningHours } from '../domain/time/calendar';
import { NAMA_HARI, type Weekday } from '../domain/time/wita';

const dot = (hhmm: string) => hhmm.replace(':', '.');

export function describeCounterHours(hours: Readonly<Record<Weekday, OpeningHours | null>>): string {
  const groups: { from: Weekday; to: Weekday; h: OpeningHours }[] = [];
  for (let d = 1 as Weekday; d <= 7; d = (d + 1) as Weekday) {
    const h = hours[d];
    if (!h) continue;
    const last = groups[groups.length - 1];
    if (last && last.to === d - 1 && last.h.open === h.open && last.h.close === h.close) last.to = d;
    else groups.push({ from: d, to: d, h });
    if (d === 7) break;
  }
  if (groups.length === 0) return 'sesuai pengumuman kantor';
  return groups
    .map((g) => `${g.from === g.to ? NAMA_HARI[g.from] : `${NAMA_HARI[g.from]}–${NAMA_HARI[g.to]}`} ${dot(g.h.open)}–${dot(g.h.close)} WITA`)
    .join('; ');
}
