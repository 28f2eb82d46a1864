/**
 * The supervisor's dashboard, kept current by the backend's change notices (renderer/src/live.ts): the
 * day's visits by status and service, files open at the desks by age, the overdue and nearly-due files, and
 * what each member of staff did today.
 */
import type { DeskQueueRow } from '../../../contract/desks';
import { call } from '../api';
import { useLive } from '../live';
import { ClockBadge } from '../desks/clock';
import { DeskStatusChip } from '../desks/DeskScreen';
import '../desks/desks.css';
import { useApp } from '../store';
import { fmtIsoDate, fmtTime } from '../ui/format';
import { CalendarNoticeView } from '../calendar/CalendarNotice';
import { OutagesCard } from './OutagesCard';
import { SecurityAlertsLine } from '../security/SecurityAlertsLine';
import { ComplaintsCard } from '../complaints/ComplaintsCard';
import { QueueDashboardLine } from '../queue/QueueDashboardLine';
import { StandardLine } from '../standard/StandardLine';
import { MaklumatLine } from '../maklumat/MaklumatLine';

function FileTable(props: { rows: DeskQueueRow[]; fetchedAt: number; empty: string; testId: string }) {
  const go = useApp((s) => s.go);
  if (props.rows.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <table className="table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>Pemohon / Layanan</th>
          <th>Status</th>
          <th>Jangka waktu</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.visitId} tabIndex={0} onClick={() => go('visit', { id: r.visitId })} onKeyDown={(e) => e.key === 'Enter' && go('visit', { id: r.visitId })}>
            <td>
              {r.visitorName} <span className="muted small">· {r.companyName ?? '—'}</span>
              <div className="cell-sub">
                {r.serviceName} · diserahkan {r.handedOverAt ? fmtTime(r.handedOverAt) : '—'}
              </div>
            </td>
            <td>
              <DeskStatusChip status={r.status} label={r.statusLabel} discretion={r.discretion} />
              <div className="cell-sub">{r.claimedBy ? r.claimedBy.name : 'belum diambil'}</div>
            </td>
            <td>
              <ClockBadge clock={r.clock} fetchedAt={props.fetchedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardScreen() {
  const live = useLive(() => call('dashboard.summary', {}), [], { types: ['visit', 'user'], clock: true });
  const data = live.data ? { value: live.data, fetchedAt: live.fetchedAt } : null;
  const error = live.error?.message ?? null;

  if (error && !data) return <div className="banner banner-error">{error}</div>;
  if (!data) return <p className="muted">Memuat dasbor…</p>;
  const d = data.value;
  const totalToday = d.todayByStatus.reduce((s, x) => s + x.count, 0);
  const maxAge = Math.max(1, ...d.openByAge.map((b) => b.count));
  const statuses = d.todayByStatus.map((s) => s.key);

  return (
    <div data-testid="dashboard">
      <div className="card-head">
        <h1 style={{ margin: 0 }}>Dasbor Supervisor</h1>
        <span className="live">
          Diperbarui otomatis · {fmtIsoDate(d.day)} {fmtTime(d.asOf)}
        </span>
      </div>
      {error && <div className="banner banner-error">{error}</div>}
      {d.calendarNotice && <CalendarNoticeView notice={d.calendarNotice} testId="dashboard-calendar-notice" compact />}
      <SecurityAlertsLine />
      <QueueDashboardLine />
      <StandardLine />
      <MaklumatLine />
      <div className="stat-row">
        <div className="stat">
          <div className="stat-value" data-testid="stat-today">
            {totalToday}
          </div>
          <div className="stat-label">Kunjungan hari ini</div>
        </div>
        <div className="stat">
          <div className="stat-value" data-testid="stat-open">
            {d.openTotal}
          </div>
          <div className="stat-label">Berkas terbuka di meja petugas</div>
        </div>
        <div className={`stat ${d.overdue.length > 0 ? 'stat-late' : ''}`}>
          <div className="stat-value" data-testid="stat-overdue">
            {d.overdue.length}
          </div>
          <div className="stat-label">Melewati jangka waktu</div>
        </div>
        <div className={`stat ${d.dueSoon.length > 0 ? 'stat-soon' : ''}`}>
          <div className="stat-value">{d.dueSoon.length}</div>
          <div className="stat-label">Hampir jatuh tempo</div>
        </div>
        <div className="stat">
          <div className="stat-value">{d.returnedOpen}</div>
          <div className="stat-label">Berkas dikembalikan, belum kembali</div>
        </div>
      </div>

      <OutagesCard ongoing={d.ongoingOutages.length} onChanged={() => void live.reload()} />
      <ComplaintsCard />

      <div className="dash-grid">
        <section className="card">
          <div className="card-head">
            <h2>Melewati jangka waktu</h2>
          </div>
          <FileTable rows={d.overdue} fetchedAt={data.fetchedAt} empty="Tidak ada berkas yang terlambat." testId="overdue-list" />
        </section>
        <section className="card">
          <div className="card-head">
            <h2>Hampir jatuh tempo</h2>
          </div>
          <FileTable rows={d.dueSoon} fetchedAt={data.fetchedAt} empty="Tidak ada berkas yang hampir jatuh tempo." testId="due-soon-list" />
        </section>

        <section className="card">
          <div className="card-head">
            <h2>Kunjungan hari ini menurut layanan</h2>
          </div>
          {d.todayByService.length === 0 ? (
            <p className="empty">Belum ada kunjungan hari ini.</p>
          ) : (
            <table className="table static">
              <thead>
                <tr>
                  <th>Layanan</th>
                  {statuses.map((s) => (
                    <th key={s}>{d.todayByStatus.find((x) => x.key === s)?.label}</th>
                  ))}
                  <th>Jumlah</th>
                </tr>
              </thead>
              <tbody>
                {d.todayByService.map((s) => (
                  <tr key={s.serviceCode ?? 'lain'}>
                    <td>{s.serviceName}</td>
                    {statuses.map((k) => (
                      <td key={k}>{s.byStatus[k] ?? ''}</td>
                    ))}
                    <td>
                      <strong>{s.total}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card">
          <div className="card-head">
            <h2>Berkas terbuka menurut umur</h2>
            <span className="muted">sejak diserahkan</span>
          </div>
          <div className="bars">
            {d.openByAge.map((b, i) => (
              <div className="bar-row" key={b.key}>
                <span>{b.label}</span>
                <div className="bar-track">
                  <div className={`bar-fill ${i >= 3 ? 'old' : ''}`} style={{ width: `${(b.count / maxAge) * 100}%` }} />
                </div>
                <span className="bar-n">{b.count}</span>
              </div>
            ))}
          </div>
        </section>
      </div>

      <section className="card">
        <div className="card-head">
          <h2>Kinerja petugas hari ini</h2>
          <span className="muted">Pasal 5: evaluasi kinerja pelaksana</span>
        </div>
        {d.perStaff.length === 0 ? (
          <p className="empty">Belum ada kegiatan petugas hari ini.</p>
        ) : (
          <table className="table static" data-testid="per-staff">
            <thead>
              <tr>
                <th>Petugas</th>
                <th>Tamu dicatat</th>
                <th>Berkas diserahkan</th>
                <th>Selesai</th>
                <th>Ditolak</th>
                <th>Selesai terlambat</th>
                <th>Sedang ditangani</th>
              </tr>
            </thead>
            <tbody>
              {d.perStaff.map((p) => (
                <tr key={p.userId}>
                  <td>{p.name}</td>
                  <td>{p.registered}</td>
                  <td>{p.handedOver}</td>
                  <td>{p.completed}</td>
                  <td>{p.rejected}</td>
                  <td className={p.finishedLate > 0 ? 'count-late' : ''}>{p.finishedLate}</td>
                  <td>{p.openClaims}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
