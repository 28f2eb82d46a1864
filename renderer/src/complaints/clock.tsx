/**
 * A complaint's two clocks on screen: a live countdown badge for the desk, and the panel with the deadline
 * (marked *perkiraan* while it depends on an undecreed year), the acknowledgement's promise when a calendar
 * change moved it, and the time the response clock stood still waiting for the complainant. The backend
 * computes each clock as of its own time; between two reads the countdown moves only while working time
 * counts (`ticking`), as on the service desks.
 */
import { useEffect } from 'react';
import type { ComplaintClockView } from '../../../contract/complaints';
import { fmtMinutes, useNow } from '../desks/clock';
import type { Interest } from '../live';
import { fmtDateTime } from '../ui/format';

/**
 * What a list of complaints shows, for change notices (renderer/src/live.ts): any complaint (recorded here,
 * at another PC, or by the server's public form and arriving by sync), the calendar its deadlines are counted
 * on, and the counter-hour boundaries at which a clock starts or stops ticking.
 */
export const COMPLAINT_INTEREST: Interest = { types: ['complaint', 'calendar'], clock: true };

/**
 * A deadline passing is a change no commit announces: the badge turns late on its own, but the overdue flags
 * and counters come from the backend. While a clock ticks, working time is wall time, so the moment the
 * nearest running clock reaches zero is known from the read: read once more just after it (one timer, no
 * polling; a clock that stops ticking at closing time is re-read on the 'clock' notice anyway).
 */
export function useReadAgainAtDeadline(clocks: readonly ComplaintClockView[], fetchedAt: number, reload: () => Promise<void>): void {
  let next: number | null = null;
  for (const c of clocks) {
    if (c.state !== 'running' || !c.ticking || c.remainingWorkingMinutes === null || c.remainingWorkingMinutes < 0) continue;
    if (next === null || c.remainingWorkingMinutes < next) next = c.remainingWorkingMinutes;
  }
  useEffect(() => {
    if (next === null || fetchedAt === 0) return;
    // A second after the deadline, so the backend's own clock has passed it too.
    const wait = Math.max(0, fetchedAt + next * 60_000 + 1_000 - Date.now());
    if (wait > 2 ** 31 - 1) return;
    const t = setTimeout(() => void reload(), wait);
    return () => clearTimeout(t);
  }, [next, fetchedAt, reload]);
}

type Tone = 'ok' | 'soon' | 'late' | 'paused' | 'done' | 'idle';

function live(c: ComplaintClockView, fetchedAt: number, now: number): number | null {
  if (c.remainingWorkingMinutes === null) return null;
  return c.remainingWorkingMinutes - (c.ticking ? Math.max(0, now - fetchedAt) / 60_000 : 0);
}

function tone(c: ComplaintClockView, remaining: number | null): Tone {
  switch (c.state) {
    case 'done_in_time':
      return 'done';
    case 'done_late':
    case 'overdue':
      return 'late';
    case 'paused':
      return 'paused';
    case 'running':
      return remaining !== null && remaining < 0 ? 'late' : c.dueSoon ? 'soon' : 'ok';
    default:
      return 'idle';
  }
}

export function clockWords(c: ComplaintClockView, remaining: number | null): string {
  switch (c.state) {
    case 'done_in_time':
      return 'Tepat waktu';
    case 'done_late':
      return `Terlambat ${fmtMinutes(-(c.remainingWorkingMinutes ?? 0))}`;
    case 'paused':
      return `Dijeda · sisa ${fmtMinutes(remaining ?? 0)}`;
    case 'overdue':
      return `Terlambat ${fmtMinutes(-(remaining ?? 0))}`;
    case 'running':
      return remaining !== null && remaining < 0 ? `Terlambat ${fmtMinutes(-remaining)}` : `Sisa ${fmtMinutes(remaining ?? 0)}`;
    default:
      return '—';
  }
}

export function ComplaintClockBadge(props: { clock: ComplaintClockView; fetchedAt: number; testId?: string }) {
  const now = useNow(1000);
  const c = props.clock;
  const remaining = live(c, props.fetchedAt, now);
  const t = tone(c, remaining);
  return (
    <span className={`clock-badge clock-${t}`} data-testid={props.testId} data-state={t === 'late' ? 'late' : c.state} title={[c.paused ? 'Menunggu kelengkapan dari pengadu: batas tanggapan tidak berjalan' : null, c.deadlineMs ? `Batas ${fmtDateTime(c.deadlineMs)}` : null].filter(Boolean).join(' · ') || undefined}>
      {clockWords(c, remaining)}
      {c.deadlineProvisional && <span className="clock-provisional"> · perkiraan</span>}
    </span>
  );
}

export function ComplaintClockPanel(props: { title: string; basis: string; clock: ComplaintClockView; fetchedAt: number; testId: string; endedLabel: string }) {
  const c = props.clock;
  const late = c.state === 'overdue' || c.state === 'done_late';
  return (
    <div className={`complaint-clock ${late ? 'late' : ''} ${c.state === 'paused' ? 'paused' : ''}`} data-testid={props.testId}>
      <h3>{props.title}</h3>
      <div className="muted small">{props.basis}</div>
      <div>
        <ComplaintClockBadge clock={c} fetchedAt={props.fetchedAt} testId={`${props.testId}-badge`} />
        {c.state === 'paused' && <span className="small"> menunggu kelengkapan dari pengadu</span>}
      </div>
      {c.deadlineMs !== null && (
        <div>
          Batas: <span className="deadline" data-testid={`${props.testId}-deadline`}>{fmtDateTime(c.deadlineMs)}</span>
          {c.deadlineProvisional && (
            <span className="chip chip-provisional" title="Hari libur tahun tersebut belum ditetapkan pemerintah; tanggal dapat bergeser.">
              perkiraan
            </span>
          )}
        </div>
      )}
      {c.endedAt !== null && (
        <div className="small">
          {props.endedLabel}: {fmtDateTime(c.endedAt)}
        </div>
      )}
      {c.pausedWorkingMinutes > 0 && (
        <div className="small" data-testid={`${props.testId}-paused`}>
          Dijeda {fmtMinutes(c.pausedWorkingMinutes)} selama menunggu kelengkapan dari pengadu (tidak dihitung; batas bergeser).
        </div>
      )}
      {c.promisedDeadlineMs !== null && c.promisedDeadlineMs !== c.deadlineMs && (
        <div className="small muted" data-testid={`${props.testId}-promised`}>
          Tertera pada tanda terima: {fmtDateTime(c.promisedDeadlineMs)}
          {c.deadlineChanged ? ' (kalender kerja berubah sejak itu)' : ' (bergeser karena masa tunggu kelengkapan)'}.
        </div>
      )}
    </div>
  );
}
