/**
 * A month of a year in Indonesian ("November" "2026"), whatever the computer's locale: the native
 * `<input type="month">` shows the machine's format ("November 2026" in English, mm/yyyy elsewhere) and a
 * calendar in that language. Two selects, each reachable with Tab and changed with the arrow keys or by
 * typing the month's first letters.
 */
import { NAMA_BULAN } from '../../../domain/time/wita';

export function MonthPicker(props: {
  /** `YYYY-MM` */
  value: string;
  onChange: (month: string) => void;
  /** The latest month that may be chosen, `YYYY-MM`. */
  max: string;
  /** The earliest year offered. */
  minYear: number;
  id: string;
  testId?: string;
}) {
  const [year, month] = props.value.split('-').map(Number) as [number, number];
  const [maxYear, maxMonth] = props.max.split('-').map(Number) as [number, number];
  const years: number[] = [];
  for (let y = maxYear; y >= props.minYear; y--) years.push(y);
  const set = (y: number, m: number) => {
    // A later month than allowed in the chosen year falls back to the latest allowed.
    const mm = y === maxYear && m > maxMonth ? maxMonth : m;
    props.onChange(`${y}-${String(mm).padStart(2, '0')}`);
  };
  return (
    <span className="month-picker" data-testid={props.testId}>
      <select id={props.id} aria-label="Bulan" value={month} onChange={(e) => set(year, Number(e.target.value))}>
        {NAMA_BULAN.map((name, i) => (
          <option key={name} value={i + 1} disabled={year === maxYear && i + 1 > maxMonth}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label="Tahun" value={year} onChange={(e) => set(Number(e.target.value), month)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </span>
  );
}
