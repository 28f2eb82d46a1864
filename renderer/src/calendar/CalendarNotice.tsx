/**
 * "Kalender 2027 belum ditetapkan …" (issue 9: nobody is surprised). The supervisor sees it as a banner on
 * every screen from 1 October while next year is provisional (at any time while this year is), and as a
 * line on the dashboard, each with a way to the calendar to enter the decree.
 */
import { useEffect, useState } from 'react';
import type { CalendarNotice } from '../../../contract/calendar';
import { call } from '../api';
import { hasRole, useApp } from '../store';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Screens that change the calendar call this; the banner reads the status again. */
export function notifyCalendarChanged(): void {
  for (const l of listeners) l();
}

export function CalendarNoticeView(props: { notice: CalendarNotice; testId: string; compact?: boolean }) {
  const go = useApp((s) => s.go);
  const screen = useApp((s) => s.route.screen);
  const n = props.notice;
  return (
    <div className={`banner ${n.severity === 'error' ? 'banner-error' : 'banner-warn'} calendar-notice`} role="status" data-testid={props.testId}>
      <div className="grow">
        <strong>{n.title}.</strong> {props.compact ? `Hari libur ${n.year} masih perkiraan; masukkan SKB ${n.year}.` : n.message}
      </div>
      {screen !== 'calendar' && (
        <button type="button" className="secondary small-btn" onClick={() => go('calendar', { year: String(n.year) })} data-testid={`${props.testId}-link`}>
          Masukkan kalender {n.year}
        </button>
      )}
    </div>
  );
}

/** The banner above every screen, for the supervisor only. */
export function CalendarNoticeBanner() {
  const session = useApp((s) => s.session);
  const screen = useApp((s) => s.route.screen);
  const supervisor = hasRole(session, 'supervisor');
  const [notice, setNotice] = useState<CalendarNotice | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);

  // Read when the supervisor moves between screens or the calendar changed: no timer.
  useEffect(() => {
    if (!supervisor) return;
    let live = true;
    void call('calendar.status', {}).then((r) => {
      if (live && r.ok) setNotice(r.value.notice);
    });
    return () => {
      live = false;
    };
  }, [supervisor, screen, tick]);

  if (!supervisor || !notice || screen === 'dashboard') return null;
  return <CalendarNoticeView notice={notice} testId="calendar-banner" />;
}
