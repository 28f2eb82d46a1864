import type { VisitRow } from '../../../contract/api';
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

export function VisitTable(props: { rows: VisitRow[]; showDate?: boolean; empty: string }) {
  const go = useApp((s) => s.go);
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
