import type { VisitRow } from '../../../contract/api';
import type { ServiceClockSummary } from '../../../contract/desks';
import { call } from '../api';
import { ClockBadge } from '../desks/clock';
import { useLive } from '../live';
import { useApp } from '../store';
import { fmtDate, fmtTime, statusLabel } from '../ui/format';

export function StatusChip(props: { status: string; handedOverTo?: string | null; discretion?: boolean }) {
  return (
    <span className={`chip chip-${props.status}`}>
      {statusLabel(props.status, props.handedOverTo ?? null)}
      {props.discretion ? ' · diskresi' : ''}
    </span>
  );
}

/**
 * The service clocks of the listed visits: read when the rows or their statuses change and when counter
 * hours open or close (a 'clock' notice); between reads the badges tick locally (desks/clock.tsx).
 */
function useClocks(rows: VisitRow[]): { clocks: Record<string, ServiceClockSummary | null>; fetchedAt: number } | null {
  // The rows that have a clock, with their status: read again when one changes, not at every new array.
  const key = rows
    .filter((r) => r.serviceCode !== null)
    .map((r) => `${r.id}:${r.status}`)
    .join(',');
  const live = useLive(
    async () => {
      const ids = key === '' ? [] : key.split(',').map((k) => k.slice(0, k.indexOf(':')));
      return ids.length === 0 ? { ok: true as const, value: { clocks: {}, asOf: Date.now() } } : call('visits.clocks', { visitIds: ids.slice(0, 500) });
    },
    [key],
    { clock: true },
  );
  return live.data ? { clocks: live.data.clocks, fetchedAt: live.fetchedAt } : null;
}

export function VisitTable(props: { rows: VisitRow[]; showDate?: boolean; empty: string }) {
  const go = useApp((s) => s.go);
  const clocks = useClocks(props.rows);
  if (props.rows.length === 0) return <p className="empty">{props.empty}</p>;
  // Applicant and company share a column (as on the desks): the table fits beside the form on a 1366-wide screen.
  return (
    <div className="table-wrap">
      <table className="table" data-testid="visit-table">
        <thead>
          <tr>
            <th>{props.showDate ? 'Tanggal' : 'Jam (WITA)'}</th>
            <th>Pemohon / Perusahaan</th>
            <th>Keperluan</th>
            <th>Status</th>
            <th>Waktu layanan</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} tabIndex={0} onClick={() => go('visit', { id: r.id })} onKeyDown={(e) => e.key === 'Enter' && go('visit', { id: r.id })}>
              <td className="nowrap">
                {props.showDate ? (
                  <>
                    {fmtDate(r.arrivedAt)}
                    <div className="cell-sub">{fmtTime(r.arrivedAt)}</div>
                  </>
                ) : (
                  fmtTime(r.arrivedAt).replace(' WITA', '')
                )}
              </td>
              <td>
                {r.visitorName}
                {r.visitorRole === 'proxy' && <span className="muted small"> (kuasa)</span>}
                <div className="cell-sub">{r.companyName ?? 'Tidak mewakili perusahaan'}</div>
              </td>
              <td>{r.serviceName ?? `Lainnya${r.purposeNote ? `: ${r.purposeNote}` : ''}`}</td>
              <td>
                <StatusChip status={r.status} handedOverTo={r.handedOverTo} discretion={r.discretion} />
                {r.returnedCount > 0 && r.status !== 'returned' && <div className="cell-sub">{r.returnedCount}× dikembalikan</div>}
              </td>
              <td className="clock-cell">
                {r.serviceCode === null ? <span className="muted small">—</span> : clocks && r.id in clocks.clocks ? <ClockBadge clock={clocks.clocks[r.id] ?? null} fetchedAt={clocks.fetchedAt} testId={`visit-clock-${r.id}`} /> : <span className="muted small">…</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
