/**
 * Counter hours opening and closing, and midnight in WITA, change what screens show without any event: a
 * service clock starts or stops counting, "today" becomes another day. At each such moment the change feed
 * announces a 'clock' notice (backend/changes.ts), and the screens that show clocks or today's lists read
 * again; between those moments their countdowns tick locally (renderer/src/desks/clock.tsx). One timer for
 * the next boundary, set again after it and whenever the calendar changes: nothing polls.
 */
import { countingStartMs, workingWindow, type WorkCalendar } from '../domain/time/calendar';
import { addDaysIso, witaDayStartMs, witaIsoDate } from '../domain/time/wita';
import type { AppContext } from './context';
import { log } from './log';
import { loadWorkCalendar } from './views/service-clock';

/** Timers further out than this are set again at that point (a machine that slept, a clock that jumped). */
const MAX_DELAY_MS = 60 * 60_000;

/** The next instant after `now` at which counter hours open or close, or a WITA day begins. */
export function nextClockBoundary(cal: WorkCalendar, now: number): number {
  const today = witaIsoDate(now);
  const midnight = witaDayStartMs(addDaysIso(today, 1));
  const w = workingWindow(cal, today);
  const counting = w && now >= w.openMs && now < w.closeMs ? w.closeMs : countingStartMs(cal, now);
  return Math.min(midnight, counting > now ? counting : midnight);
}

export function startClockBoundaries(app: AppContext): { stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const arm = async () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      const cal = await loadWorkCalendar(app);
      if (stopped) return;
      const now = app.now();
      const at = nextClockBoundary(cal, now);
      const delay = Math.min(MAX_DELAY_MS, Math.max(1000, at - now));
      timer = setTimeout(() => {
        timer = null;
        if (app.now() >= at) app.changes.signal('clock');
        void arm();
      }, delay);
      timer.unref?.();
    } catch (err) {
      log.warn('clock_boundary_failed', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  const unsubscribe = app.changes.subscribe((n) => {
    if (n.types.includes('calendar')) void arm();
  });
  void arm();
  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
