/**
 * On a visit's screen: the complaints about this visit (linked when they were recorded, found by its receipt
 * number or a name), with their stage and clocks, and the way to record one. Only for the roles that handle
 * complaints (the backend refuses the others).
 */
import type { VisitPanelProps } from '../checklist/extensions';
import { call } from '../api';
import { hasRole, useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { useLive } from '../live';
import { ComplaintClockBadge, COMPLAINT_INTEREST } from './clock';
import { StageChip } from './ComplaintDeskScreen';
import './complaints.css';

function Panel({ visitId }: { visitId: string }) {
  const go = useApp((s) => s.go);
  const data = useLive(() => call('complaints.forVisit', { visitId }), [visitId], COMPLAINT_INTEREST);
  const rows = data.data?.rows ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="card" data-testid="visit-complaints">
      <div className="card-head">
        <h2>Pengaduan tentang kunjungan ini</h2>
        <button type="button" className="link" onClick={() => go('complaints')}>
          Meja pengaduan
        </button>
      </div>
      <ul className="notes">
        {rows.map((r) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => go('complaint', { id: r.id })}>
              {r.number}
            </button>{' '}
            · diterima {fmtDateTime(r.receivedAt)} · <StageChip row={r} /> <ComplaintClockBadge clock={r.response} fetchedAt={data.fetchedAt} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VisitComplaintsPanel(props: VisitPanelProps) {
  const session = useApp((s) => s.session);
  if (!hasRole(session, 'helpdesk', 'supervisor')) return null;
  return <Panel visitId={props.detail.visit.id} />;
}
