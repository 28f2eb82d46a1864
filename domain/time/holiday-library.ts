/**
 * The `date-holidays` library behind the provisional calendar (ADR 0007). It holds every country's rules
 * (about 0.8 MB of data, ~100–250 ms to load), so it is imported on first use rather than at start-up:
 * `preloadHolidayLibrary()` starts that in the background once the backend is up, and every reader of the
 * work calendar awaits `provisionalSource()` before counting.
 */
import { provisionalSourceFrom, type HolidaysApi, type ProvisionalSource } from './provisional';

let loading: Promise<ProvisionalSource> | null = null;

export function provisionalSource(): Promise<ProvisionalSource> {
  loading ??= import('date-holidays').then((mod) => {
    const Holidays = mod.default as unknown as new (country: string) => HolidaysApi;
    return provisionalSourceFrom(new Holidays('ID'));
  });
  return loading;
}

/** Starts loading the library without waiting for it (a failure surfaces on the first real use). */
export function preloadHolidayLibrary(): void {
  provisionalSource().catch(() => {
    loading = null;
  });
}
