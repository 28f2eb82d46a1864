/**
 * The complaint desk (issue 12): open complaints ordered by the nearest deadline with live countdowns of
 * both clocks (completeness 3, response 6 working days), overdue rows flagged, the late filings the
 * supervisor has to decide; closed and all complaints of a period; the entry to record a new one.
 */
import { useState } from 'react';
import type { ComplaintRow } from '../../../contract/complaints';
import { NAMA_BULAN, NAMA_HARI, toWitaParts } from '../../../domain/time/wita';
import { call } from '../api';
import { hasRole, useApp } from '../store';
import { fmtDate, fmtTime } from '../ui/format';
import { useLive } from '../live';
import { ComplaintClockBadge, COMPLAINT_INTEREST, useReadAgainAtDeadline } from './clock';
import '../desks/desks.css';
import './complaints.css';

type View = 'open' | 'closed' | 'all';

export function StageChip(props: { row: Pick<ComplaintRow, 'stage' | 'stageLabel'> }) {
  return <span className={`chip chip-stage-${props.row.stage}`}>{props.row.stageLabel}</span>;
}

export function LateFilingChip(props: { row: Pick<ComplaintRow, 'lateFiling' | 'lateDecision'> }) {
  if (!props.row.lateFiling) return null;
  const decided = props.row.lateDecision === 'accept' ? ' · diproses' : props.row.lateDecision === 'decline' ? ' · tidak diproses' : ' · menunggu keputusan';
  return (
    <span className="chip chip-late-filing" title="Diterima lebih dari 30 hari setelah layanan (Perwali 67/2018 Pasal 8 ayat (3))">
      Melewati batas waktu pengaduan{decided}
    </span>
  );
}

/** "Rab 2 Des 10:00" (WITA): a deadline in a table cell. */
function shortWhen(ms: number): string {
  const p = toWitaParts(ms);
  return `${NAMA_HARI[p.weekday].slice(0, 3)} ${p.day} ${(NAMA_BULAN[p.month - 1] ?? '').slice(0, 3)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The deadline under a countdown: while the clock runs, or when it ended late. */
function Due(props: { clock: ComplaintRow['completeness'] }) {
  const c = props.clock;
  if (c.deadlineMs === null || c.state === 'done_in_time') return null;
  return (
    <div className="cell-sub nowrap">
      batas {shortWhen(c.deadlineMs)}
    </div>
  );
}

function rowClass(r: ComplaintRow): string {
  if (r.overdue) return 'row-late';
  return r.completeness.dueSoon || r.response.dueSoon ? 'row-soon' : '';
}

export function ComplaintTable(props: { rows: ComplaintRow[]; fetchedAt: number; testId: string }) {
  const go = useApp((s) => s.go);
  return (
    <table className="table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>Diterima</th>
          <th>Nomor / pengadu</th>
          <th>Layanan</th>
          <th>Tahap</th>
          <th>Kelengkapan (3 hari kerja)</th>
          <th>Tanggapan (6 hari kerja)</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr
            key={r.id}
            className={rowClass(r)}
            tabIndex={0}
            data-testid={`complaint-row-${r.number}`}
            onClick={() => go('complaint', { id: r.id })}
            onKeyDown={(e) => e.key === 'Enter' && go('complaint', { id: r.id })}
          >
            <td className="nowrap">
              {fmtTime(r.receivedAt)}
              <div className="cell-sub">{fmtDate(r.receivedAt)}</div>
            </td>
            <td>
              <span className="complaint-number nowrap">{r.number}</span>
              <div className="cell-sub">
                {r.complainantName} · {r.channelLabel}
              </div>
            </td>
            <td>
              {r.serviceName ?? <span className="muted">—</span>}
              {r.receiptNo && <div className="cell-sub nowrap">{r.receiptNo}</div>}
            </td>
            <td>
              <StageChip row={r} />
              <div>
                <LateFilingChip row={r} />
              </div>
            </td>
            <td>
              <ComplaintClockBadge clock={r.completeness} fetchedAt={props.fetchedAt} testId={`completeness-${r.number}`} />
              <Due clock={r.completeness} />
            </td>
            <td>
              <ComplaintClockBadge clock={r.response} fetchedAt={props.fetchedAt} testId={`response-${r.number}`} />
              <Due clock={r.response} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ComplaintDeskScreen() {
  const go = useApp((s) => s.go);
  const session = useApp((s) => s.session);
  const [view, setView] = useState<View>('open');
  const data = useLive(() => call('complaints.list', { view }), [view], COMPLAINT_INTEREST);
  const rows = data.data?.rows ?? [];
  useReadAgainAtDeadline(rows.flatMap((r) => [r.completeness, r.response]), data.fetchedAt, data.reload);
  const overdue = rows.filter((r) => r.overdue).length;
  const undecided = rows.filter((r) => r.lateFiling && r.lateDecision === null).length;
  return (
    <section className="card" data-testid="complaint-desk">
      <div className="card-head">
        <h2>Meja Pengaduan</h2>
        <span className="desk-counts">
          {data.data && view === 'open' && (
            <>
              <span data-testid="complaint-open-count">{rows.length} pengaduan terbuka</span>
              {overdue > 0 && (
                <span className="count-late" data-testid="complaint-overdue-count">
                  {overdue} lewat batas waktu
                </span>
              )}
              {undecided > 0 && hasRole(session, 'supervisor') && <span className="count-late">{undecided} menunggu keputusan supervisor</span>}
            </>
          )}
          <button type="button" data-testid="open-suggestions" onClick={() => go('suggestions')}>
            Saran &amp; masukan
          </button>
          <button type="button" className="primary" data-testid="complaint-new" onClick={() => go('complaint-new')}>
            Catat pengaduan
          </button>
        </span>
      </div>
      <p className="muted small" style={{ marginTop: -4 }}>
        Perwali Banjarmasin 67/2018 Pasal 8: lengkap/tidak lengkapnya pengaduan diberitahukan paling lambat 3 hari kerja, tanggapan paling lambat 6 hari kerja sejak diterima. Selama
        menunggu kelengkapan dari pengadu, batas tanggapan tidak berjalan.
      </p>
      <div className="tabs chips" role="group" aria-label="Tampilan pengaduan">
        {(
          [
            ['open', 'Terbuka (batas terdekat dahulu)'],
            ['closed', 'Selesai'],
            ['all', 'Semua'],
          ] as const
        ).map(([v, label]) => (
          <button key={v} type="button" className={`chip chip-button ${view === v ? 'selected' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </div>
      {data.error && <div className="banner banner-error">{data.error.message}</div>}
      {data.data && rows.length === 0 && <p className="empty">{view === 'open' ? 'Tidak ada pengaduan yang terbuka.' : 'Belum ada pengaduan.'}</p>}
      {rows.length > 0 && <ComplaintTable rows={rows} fetchedAt={data.fetchedAt} testId="complaint-queue" />}
    </section>
  );
}
