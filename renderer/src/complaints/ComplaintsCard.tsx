/**
 * The dashboard's complaint counters (issue 12): open, waiting for the complainant, past the completeness or
 * the response deadline, nearly due, late filings to decide, this month's complaints and suggestions, and the
 * nearest deadlines with live countdowns.
 */
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { ComplaintTable } from './ComplaintDeskScreen';
import { COMPLAINT_INTEREST, useReadAgainAtDeadline } from './clock';
import './complaints.css';

export function ComplaintsCard() {
  const go = useApp((s) => s.go);
  // The card counts this month's suggestions too.
  const data = useLive(() => call('complaints.counters', {}), [], { ...COMPLAINT_INTEREST, types: [...(COMPLAINT_INTEREST.types ?? []), 'suggestion'] });
  const c = data.data;
  useReadAgainAtDeadline(c?.nearest.flatMap((r) => [r.completeness, r.response]) ?? [], data.fetchedAt, data.reload);
  if (!c) return null;
  const stat = (value: number, label: string, testId: string, tone: '' | 'stat-late' | 'stat-soon' = '') => (
    <div className={`stat ${value > 0 ? tone : ''}`}>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
  return (
    <section className="card" data-testid="dashboard-complaints">
      <div className="card-head">
        <h2>Pengaduan dan saran</h2>
        <span>
          <button type="button" className="link" onClick={() => go('complaints')}>
            Buka meja pengaduan
          </button>{' '}
          ·{' '}
          <button type="button" className="link" data-testid="dashboard-open-suggestions" onClick={() => go('suggestions')}>
            Saran &amp; masukan
          </button>
        </span>
      </div>
      <div className="counter-row">
        {stat(c.open, 'Pengaduan terbuka', 'stat-complaints-open')}
        {stat(c.completenessOverdue, 'Lewat batas pemberitahuan kelengkapan (3 hari kerja)', 'stat-complaints-completeness-overdue', 'stat-late')}
        {stat(c.responseOverdue, 'Lewat batas tanggapan (6 hari kerja)', 'stat-complaints-response-overdue', 'stat-late')}
        {stat(c.waitingCompleteness, 'Menunggu kelengkapan dari pengadu (batas tanggapan dijeda)', 'stat-complaints-waiting')}
        {stat(c.lateFilingUndecided, 'Melewati 30 hari, menunggu keputusan', 'stat-complaints-late-filing', 'stat-soon')}
        {stat(c.suggestionsThisMonth, `Saran bulan ini (pengaduan bulan ini: ${c.receivedThisMonth})`, 'stat-suggestions-month')}
      </div>
      {c.nearest.length > 0 && <ComplaintTable rows={c.nearest} fetchedAt={data.fetchedAt} testId="dashboard-complaint-nearest" />}
    </section>
  );
}
