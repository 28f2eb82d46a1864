/**
 * The service clock on screen: a live countdown badge for lists, and a panel with the stages for a visit.
 * The backend computes the clock as of its own (injectable) time; between two reads the countdown moves by
 * the time elapsed on this screen, and only while working time is counting (`ticking`).
 */
import { useEffect, useState } from 'react';
import type { ServiceClockSummary, ServiceClockView } from '../../../contract/desks';
import { fmtDateTime } from '../ui/format';

/** Re-renders every `ms` milliseconds and returns this screen's clock. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * Working time for people: "25 menit", "1 jam 5 menit"; from 8 hours on, whole hours of counter time
 * ("43 jam layanan"), since a day-limit's remainder in minutes means nothing at the counter.
 */
export function fmtMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  if (m < 60) return `${m} menit`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h >= 8) return `${h} jam layanan`;
  return rest === 0 ? `${h} jam` : `${h} jam ${rest} menit`;
}

/** Remaining working minutes now, moved on from the backend's reading while the clock ticks. */
export function liveRemaining(clock: ServiceClockSummary, fetchedAt: number, now: number): number | null {
  if (clock.remainingWorkingMinutes === null) return null;
  const elapsed = clock.ticking ? Math.max(0, now - fetchedAt) / 60_000 : 0;
  return clock.remainingWorkingMinutes - elapsed;
}

export type ClockTone = 'ok' | 'soon' | 'late' | 'paused' | 'done' | 'idle';

/** Why the clock stands still, in the words of the desk. */
export const PAUSE_LABEL: Record<NonNullable<ServiceClockSummary['activePause']>, string> = {
  waiting_vendor: 'Menunggu penyedia',
  external_lkpp: 'Di LKPP',
  disruption_internet: 'Gangguan internet',
  disruption_spse: 'Gangguan SPSE',
};

export function clockTone(clock: ServiceClockSummary, remaining: number | null): ClockTone {
  switch (clock.state) {
    case 'done_in_time':
      return 'done';
    case 'done_late':
    case 'overdue':
      return 'late';
    case 'paused':
      return 'paused';
    case 'not_started':
    case 'outside_limit':
      return 'idle';
    default:
      if (remaining !== null && remaining < 0) return 'late';
      return clock.dueSoon ? 'soon' : 'ok';
  }
}

export function clockText(clock: ServiceClockSummary, remaining: number | null): string {
  switch (clock.state) {
    case 'not_started':
      return 'Belum dihitung';
    case 'done_in_time':
      return 'Selesai tepat waktu';
    case 'done_late':
      return `Selesai terlambat ${fmtMinutes(-(clock.remainingWorkingMinutes ?? 0))}`;
    case 'paused':
      return `${clock.activePauseLabel ?? PAUSE_LABEL[clock.activePause ?? 'waiting_vendor']} · sisa ${fmtMinutes(remaining ?? 0)}`;
    case 'outside_limit':
      return 'Di luar jangka waktu layanan';
    default:
      if (remaining !== null && remaining < 0) return `Terlambat ${fmtMinutes(-remaining)}`;
      return `Sisa ${fmtMinutes(remaining ?? 0)}`;
  }
}

/** The countdown for a list row. */
export function ClockBadge(props: { clock: ServiceClockSummary | null; fetchedAt: number; testId?: string }) {
  const now = useNow(1000);
  if (!props.clock) return <span className="muted small">—</span>;
  const remaining = liveRemaining(props.clock, props.fetchedAt, now);
  const tone = clockTone(props.clock, remaining);
  const c = props.clock;
  const provisional = c.deadlineProvisional && c.deadlineMs !== null;
  const title = [
    c.deadlineMs ? `Batas waktu ${fmtDateTime(c.deadlineMs)}${provisional ? ' (perkiraan: hari libur tahun tersebut belum ditetapkan)' : ''}` : null,
    c.deadlineChanged ? 'Batas waktu bergeser karena perubahan kalender kerja' : null,
    c.excusedWorkingMinutes > 0 ? `${fmtMinutes(c.excusedWorkingMinutes)} gangguan tidak dihitung` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={`clock-badge clock-${tone}`} data-testid={props.testId} data-state={tone === 'late' ? 'late' : c.state} title={title || undefined}>
      {clockText(c, remaining)}
      {provisional && <span className="clock-provisional"> · perkiraan</span>}
    </span>
  );
}

function Stage(props: { label: string; stage: ServiceClockView['stages']['waiting'] }) {
  return (
    <div className="stage">
      <div className="stage-label">{props.label}</div>
      <div className="stage-value">{props.stage ? fmtMinutes(props.stage.workingMinutes) : '—'}</div>
      {props.stage?.ongoing && <div className="muted small">berlangsung</div>}
    </div>
  );
}

/**
 * The whole clock of a visit: limit, deadline (marked *perkiraan* while it depends on an undecreed year; the
 * promise of the receipt beside a recount a calendar change made), countdown, paused and excused time, the
 * guarantee of service 2, and the stages.
 */
export function ClockPanel(props: { clock: ServiceClockView; fetchedAt: number }) {
  const c = props.clock;
  return (
    <div className="clock-panel" data-testid="clock-panel">
      <div className="clock-main">
        <ClockBadge clock={c} fetchedAt={props.fetchedAt} testId="clock-badge" />
        <span className="muted">Jangka waktu {c.limitText}</span>
        {c.deadlineMs !== null && (
          <span>
            Batas: <strong data-testid="clock-deadline">{fmtDateTime(c.deadlineMs)}</strong>
            {c.deadlineProvisional && (
              <span className="chip chip-provisional" data-testid="clock-provisional" title="Hari libur tahun tersebut belum ditetapkan pemerintah; tanggal dapat bergeser.">
                perkiraan
              </span>
            )}
          </span>
        )}
        {c.pausedWorkingMinutes.total > 0 && <span className="muted">Dijeda {fmtMinutes(c.pausedWorkingMinutes.total)} (tidak dihitung)</span>}
        {c.excusedWorkingMinutes > 0 && (
          <span className="muted" data-testid="clock-excused">
            Gangguan {fmtMinutes(c.excusedWorkingMinutes)} tidak dihitung{c.lateWithoutExcuse ? ' · tanpa pengecualian: terlambat' : ''}
          </span>
        )}
      </div>
      {c.outsideLimitSinceMs !== null && (
        <p className="small" data-testid="clock-outside">
          Diteruskan ke helpdesk LKPP pada {fmtDateTime(c.outsideLimitSinceMs)}: di luar jangka waktu layanan (Perwali 67/2018, Lampiran layanan 7).
        </p>
      )}
      {c.deadlineChanged && c.promisedDeadlineMs !== null && c.recomputedDeadlineMs !== null && (
        <p className="small" data-testid="clock-promised">
          Dijanjikan pada tanda terima: <strong>{fmtDateTime(c.promisedDeadlineMs)}</strong>
          {c.promisedProvisional ? ' (perkiraan)' : ''} · setelah perubahan kalender kerja: <strong>{fmtDateTime(c.recomputedDeadlineMs)}</strong>
        </p>
      )}
      {c.guarantee && (
        <p className="small" data-testid="clock-guarantee">
          Jaminan {c.guarantee.minutes} menit (jika tidak ada gangguan internet):{' '}
          {c.guarantee.state === 'met' ? 'terpenuhi' : c.guarantee.state === 'missed' ? `terlewati ${fmtMinutes(-c.guarantee.remainingWorkingMinutes)}` : `sisa ${fmtMinutes(c.guarantee.remainingWorkingMinutes)}`}
        </p>
      )}
      <div className="stages">
        <Stage label="Menunggu dilayani" stage={c.stages.waiting} />
        <Stage label="Pemeriksaan berkas" stage={c.stages.checking} />
        <Stage label="Proses" stage={c.stages.processing} />
        <div className="stage">
          <div className="stage-label">Total</div>
          <div className="stage-value">{fmtMinutes(c.total.workingMinutes)}</div>
          <div className="muted small">jam layanan</div>
        </div>
      </div>
    </div>
  );
}
