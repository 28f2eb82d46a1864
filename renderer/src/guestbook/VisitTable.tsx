import { useEffect, useState } from 'react';
import type { VisitRow } from '../../../contract/api';
import type { ServiceClockSummary } from '../../../contract/desks';
import { call } from '../api';
import { ClockBadge } from '../desks/clock';
import { useApp } from '../store';
import { fmtDate, fmtTime, statusLabel } from '../ui/format';

export function StatusChip(props: { status: string; discretion?: boolean }) {
  return (
    <span className={`chip chip-${props.status}`}>
      {statusLabel(props.status)}
      {props.discretion ? ' · diskresi' : ''}
    </span>
  );
}

/** The service clocks of the listed visits: fetched when the rows or their statuses change and every minute, ticking in between. */
function useClocks(rows: VisitRow[]): { clocks: Record<string, ServiceClockSummary | null>; fetchedAt: number } | null {
  const ids = rows.filter((r) => r.serviceCode !== null).map((r) => r.id);
  const key = rows.map((r) => `${r.id}:${r.status}`).join(',');
  const [data, setData] = useState<{ clocks: Record<string, ServiceClockSummary | null>; fetchedAt: number } | null>(null);
  useEffect(() => {
    if (ids.length === 0) return;
    let cancelled = false;
    const load = async () => {
      const r = await call('visits.clocks', { visitIds: ids.slice(0, 500) });
      if (!cancelled && r.ok) setData({ clocks: r.value.clocks, fetchedAt: Date.now() });
    };
    void load();
    const t = setInterval(() => void load(), 60_000);
    return () => {
      cancelled = true;
      clearInterval(t);
    };
    // `key` names the rows and their statuses; `ids` is derived from the same rows.
  }, [key]);
  return data;
}

export function VisitTable(props: { rows: VisitRow[]; showDate?: boolean; empty: string }) {
  const go = useApp((s) => s.go);
  const clocks = useClocks(props.rows);
  if (props.rows.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <table className="table" data-testid="visit-table">
      <thead>
        <tr>
          <th>{props.showDate ? 'Tanggal' : 'Jam'}</th>
          <th>Pemohon</th>
          <th>Perusahaan</th>
          <th>Keperluan</th>
          <th>Status</th>
          <th>Waktu layanan</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.id} tabIndex={0} onClick={() => go('visit', { id: r.id })} onKeyDown={(e) => e.key === 'Enter' && go('visit', { id: r.id })}>
            <td className="nowrap">{props.showDate ? `${fmtDate(r.arrivedAt)} ${fmtTime(r.arrivedAt)}` : fmtTime(r.arrivedAt)}</td>
            <td>
              {r.visitorName}
              {r.visitorRole === 'proxy' && <span className="muted small"> (kuasa)</span>}
            </td>
            <td>{r.companyName ?? '—'}</td>
            <td>{r.serviceName ?? `Lainnya${r.purposeNote ? `: ${r.purposeNote}` : ''}`}</td>
            <td>
              <StatusChip status={r.status} discretion={r.discretion} />
              {r.returnedCount > 0 && r.status !== 'returned' && <span className="muted small"> · {r.returnedCount}× dikembalikan</span>}
            </td>
            <td className="nowrap">
              {r.serviceCode === null ? <span className="muted small">—</span> : clocks && r.id in clocks.clocks ? <ClockBadge clock={clocks.clocks[r.id] ?? null} fetchedAt={clocks.fetchedAt} testId={`visit-clock-${r.id}`} /> : <span className="muted small">…</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
