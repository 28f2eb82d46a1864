/**
 * The queue of a desk: the verifier's handed-over files, or the system admin's SPSE cases (service 7).
 * Oldest first, overdue rows flagged, countdowns ticking locally; work done at another desk or handed over
 * at the counter shows up as soon as the backend announces it (renderer/src/live.ts).
 */
import { useRef, useState, type ComponentType } from 'react';
import type { DeskKind, DeskQueueRow } from '../../../contract/desks';
import { deskText, useDeskUnits } from './units';
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { useStartFocus } from '../ui/focus';
import { fmtDate, fmtTime } from '../ui/format';
import { ClockBadge } from './clock';
import './desks.css';

type View = 'open' | 'mine' | 'done_today';


export function DeskStatusChip(props: { status: string; label: string; discretion?: boolean }) {
  return (
    <span className={`chip chip-${props.status}`}>
      {props.label}
      {props.discretion ? ' · diskresi' : ''}
    </span>
  );
}

function rowClass(r: DeskQueueRow, fetchedAt: number): string {
  if (!r.clock) return '';
  if (r.clock.state === 'overdue') return 'row-late';
  if (r.clock.ticking && r.clock.remainingWorkingMinutes !== null && r.clock.remainingWorkingMinutes - (Date.now() - fetchedAt) / 60_000 < 0) return 'row-late';
  return r.clock.dueSoon ? 'row-soon' : '';
}

export function DeskScreen(props: { desk: DeskKind }) {
  const { desk } = props;
  const go = useApp((s) => s.go);
  const [view, setView] = useState<View>('open');
  const text = deskText(desk, useDeskUnits());
  const live = useLive(() => call('desk.queue', { desk, view }), [desk, view], { types: ['visit', 'user'], clock: true });
  const data = live.data ? { value: live.data, fetchedAt: live.fetchedAt } : null;
  const error = live.error?.message ?? null;
  const tabsRef = useRef<HTMLDivElement>(null);
  // The work starts at the oldest file in the queue; with none, at the view tabs.
  useStartFocus(() => document.querySelector<HTMLElement>('[data-testid="desk-queue"] tbody tr') ?? tabsRef.current?.querySelector<HTMLElement>('button.selected') ?? null, !!data);

  const rows = data?.value.rows ?? [];
  return (
    <section className="card" data-testid={`desk-${desk}`} data-ready={data ? 'true' : undefined}>
      <div className="card-head">
        <h2>{text.title}</h2>
        {data && (
          <span className="desk-counts">
            <span data-testid="open-count">
              {data.value.openCount} {text.item} terbuka
            </span>
            {data.value.overdueCount > 0 && (
              <span className="count-late" data-testid="overdue-count">
                {data.value.overdueCount} terlambat
              </span>
            )}
          </span>
        )}
      </div>
      <div className="tabs chips" role="group" aria-label="Tampilan antrean" ref={tabsRef}>
        {(
          [
            ['open', 'Antrean terbuka'],
            ['mine', text.item === 'kasus' ? 'Kasus saya' : 'Berkas saya'],
            ['done_today', 'Selesai hari ini'],
          ] as const
        ).map(([v, label]) => (
          <button key={v} type="button" className={`chip chip-button ${view === v ? 'selected' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </div>
      {error && <div className="banner banner-error">{error}</div>}
      {data && rows.length === 0 && <p className="empty">{view === 'open' ? text.empty : view === 'mine' ? 'Belum ada yang Anda ambil.' : 'Belum ada yang selesai hari ini.'}</p>}
      {rows.length > 0 && (
        <table className="table" data-testid="desk-queue">
          <thead>
            <tr>
              <th>Diserahkan</th>
              <th>Pemohon / Perusahaan</th>
              <th>Layanan</th>
              <th>Status</th>
              <th>Petugas</th>
              <th>Jangka waktu</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.visitId}
                className={data ? rowClass(r, data.fetchedAt) : ''}
                tabIndex={0}
                data-testid={`queue-row-${r.visitId}`}
                onClick={() => go('desk-file', { id: r.visitId, desk })}
                onKeyDown={(e) => e.key === 'Enter' && go('desk-file', { id: r.visitId, desk })}
              >
                <td className="nowrap">
                  {r.handedOverAt ? fmtTime(r.handedOverAt) : '—'}
                  <div className="cell-sub">{r.handedOverAt ? fmtDate(r.handedOverAt) : ''}</div>
                </td>
                <td>
                  {r.visitorName}
                  <div className="cell-sub">
                    {r.companyName ?? '—'} · {r.receiptNo}
                  </div>
                </td>
                <td>{r.serviceName}</td>
                <td>
                  <DeskStatusChip status={r.status} label={r.statusLabel} discretion={r.discretion} />
                  {r.claimConflict && <div className="cell-sub count-late">Diambil dua petugas</div>}
                </td>
                <td>{r.claimedBy?.name ?? <span className="muted">—</span>}</td>
                <td>
                  <ClockBadge clock={r.clock} fetchedAt={data!.fetchedAt} testId={`clock-${r.visitId}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function VerifierDeskScreen() {
  return <DeskScreen desk="verifier" />;
}

export function SysadminDeskScreen() {
  return <DeskScreen desk="sysadmin" />;
}

const unitScreens = new Map<string, ComponentType>();

/** The screen of the desk of a unit a catalogue version added (issue 14); one component per unit, kept. */
export function unitDeskScreen(code: string): ComponentType {
  let screen = unitScreens.get(code);
  if (!screen) {
    screen = function UnitDeskScreen() {
      return <DeskScreen desk={code} />;
    };
    unitScreens.set(code, screen);
  }
  return screen;
}
