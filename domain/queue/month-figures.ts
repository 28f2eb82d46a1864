/**
 * How the month's queue figures (issue 16, `contract/queue.ts` MonthlyQueue) are labelled: one list shared by
 * the report screen, the PDF and the XLSX sheet so the three always say the same thing. Pure.
 */
import type { MonthlyQueue } from '../../contract/queue';

const n = (v: number | null, digits = 0) => (v === null ? '–' : v.toLocaleString('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
/** "08.00–09.00" */
export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}.00–${String(h + 1).padStart(2, '0')}.00`;

/** The summary lines shown by the screen, the PDF and the XLSX sheet. */
export function queueFigures(q: MonthlyQueue): Array<[string, string]> {
  return [
    ['Nomor antrean diambil', n(q.tickets)],
    ['Hari dengan antrean', n(q.queueDays)],
    ['Dilayani', n(q.served)],
    ['Tidak hadir saat dipanggil (tidak dilayani)', n(q.noShows)],
    ['Tidak dilayani karena sebab lain (pergi sebelum dipanggil, dll.)', n(q.notServed)],
    ['Waktu tunggu sebelum dilayani — median (menit)', n(q.waitMedianMin, 1)],
    ['Waktu tunggu sebelum dilayani — persentil 90 (menit)', n(q.waitP90Min, 1)],
  ];
}

export const QUEUE_NOTE =
  'Waktu tunggu diukur dari saat nomor antrean diambil sampai petugas loket mulai melayani (menekan "Layani" atau mulai memeriksa berkas), dalam menit jam dinding. Tidak hadir: dipanggil, ditandai tidak hadir, dan tidak dilayani sesudahnya.';

