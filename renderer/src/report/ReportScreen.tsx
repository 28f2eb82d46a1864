/**
 * Laporan bulanan (supervisor): choose the month; totals, time-limit compliance, volume per day and service
 * (recharts), stage durations, returned files and the most-missing documents, discretion, rejections, staff
 * performance; exports to XLSX/PDF/CSV with progress, personal data only when asked for, and the export log.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import { useLive } from '../live';
import { downloadBase64 } from '../print/download';
import { useApp } from '../store';
import { fmtDateTime, fmtIsoDate, ROLE_LABEL, witaToday } from '../ui/format';
import { MonthPicker } from '../ui/MonthPicker';
import { useStartFocus } from '../ui/focus';
import './report.css';
import { ReportComplaints } from '../complaints/ReportComplaints';
import { ReportQueue } from '../queue/ReportQueue';

type Report = OutputOf<'report.monthly'>;
type Format = 'xlsx' | 'pdf' | 'csv';

const COLORS = ['#1f4e79', '#c55a11', '#548235', '#7f6000', '#7030a0', '#2e75b6', '#bf9000', '#a5a5a5'];
const FORMAT_LABEL: Record<Format, string> = { xlsx: 'Excel (XLSX)', pdf: 'PDF', csv: 'CSV' };

const num = (v: number | null, d = 0) => (v === null ? '–' : v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d }));
const pct = (v: number | null) => (v === null ? '–' : `${num(v, 1)}%`);

function previousMonth(todayIso: string): string {
  const [y, m] = todayIso.split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
}

export function ReportScreen() {
  const status = useApp((s) => s.status);
  const toast = useApp((s) => s.toast);
  const [month, setMonth] = useState(() => previousMonth(status?.today ?? witaToday()));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (m: string) => {
    setLoading(true);
    setError(null);
    const r = await call('report.monthly', { month: m });
    setLoading(false);
    if (r.ok) setReport(r.value);
    else {
      setReport(null);
      setError(r.error.issues?.[0]?.message ?? r.error.message);
    }
  }, []);

  useEffect(() => {
    void load(month);
  }, [load, month]);
  // The work starts at choosing the month.
  useStartFocus(() => document.getElementById('report-month'), true);

  return (
    <div data-testid="report-screen">
      <div className="card-head">
        <h1>Laporan Bulanan</h1>
      </div>
      <section className="card">
        <div className="report-toolbar">
          <div className="field">
            <label htmlFor="report-month">Bulan laporan</label>
            <MonthPicker id="report-month" value={month} max={(status?.today ?? new Date().toISOString()).slice(0, 7)} minYear={2018} onChange={setMonth} testId="report-month" />
          </div>
          <span className="spacer" />
          <ExportBox month={month} onDone={(f) => toast('success', `Ekspor ${f} selesai dan tercatat.`)} />
        </div>
      </section>
      {error && <div className="banner banner-error">{error}</div>}
      {loading && !report && <p className="muted">Menyusun laporan…</p>}
      {report && <ReportBody report={report} />}
      <ExportLog />
    </div>
  );
}

function ReportBody({ report: r }: { report: Report }) {
  const t = r.totals;
  const cards: Array<[string, string]> = [
    ['Kunjungan', num(t.visits)],
    ['Permohonan layanan', num(t.withService)],
    ['Berkas dikembalikan', num(t.returnedVisits)],
    ['Diserahkan ke verifikator/admin', num(t.handedOver)],
    ['Selesai / ditolak', `${num(t.completed)} / ${num(t.rejected)}`],
    ['Belum selesai (lewat jangka waktu)', `${num(t.open)} (${num(t.openOverdue)})`],
    ['Selesai dalam jangka waktu', pct(t.inTimePct)],
    ['Tanpa pengecualian gangguan', pct(t.inTimePctWithoutExcuse)],
    ['Diskresi · ke LKPP', `${num(t.discretion)} · ${num(t.forwardedLkpp)}`],
  ];
  const days = r.days.map((d) => ({ name: String(Number(d.day.slice(8))), ...d.byService }));
  const compliance = r.services
    .filter((s) => s.handedOver > 0)
    .map((s) => ({ name: `${s.number}. ${s.shortName}`, 'Tepat waktu': s.finishedInTime, Terlambat: s.finishedLate, 'Belum selesai, lewat waktu': s.openOverdue }));

  return (
    <>
      <p className="muted small">
        {r.monthLabel}: {fmtIsoDate(r.firstDay)} – {fmtIsoDate(r.lastDay)}, {r.workingDays} hari kerja. Disusun {fmtDateTime(r.generatedAt)}; status berkas per saat ini.
      </p>
      <div className="report-cards" data-testid="report-cards">
        {cards.map(([l, v]) => (
          <div key={l} className="report-card">
            <div className="v">{v}</div>
            <div className="l">{l}</div>
          </div>
        ))}
      </div>

      <section className="card">
        <div className="card-head">
          <h2>Kunjungan per hari menurut layanan</h2>
        </div>
        <div style={{ width: '100%', height: 300 }} data-testid="chart-volume">
          <ResponsiveContainer>
            <BarChart data={days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {r.seriesCodes.map((s, i) => (
                <Bar key={s.code} dataKey={s.code} name={s.label} stackId="v" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>

      <section className="card">
          <div className="card-head">
            <h2>Rekapitulasi per layanan</h2>
          </div>
          <table className="report-table" data-testid="report-services">
            <thead>
              <tr>
                <th>Layanan</th>
                <th>Jangka waktu</th>
                <th className="r">Kunjungan</th>
                <th className="r">Dikembalikan</th>
                <th className="r">Selesai</th>
                <th className="r">Ditolak</th>
                <th className="r">Belum selesai</th>
                <th className="r">Tepat waktu</th>
                <th className="r" title="Waktu gangguan internet/SPSE ikut dihitung">Tanpa pengecualian gangguan</th>
                <th className="r">Median / P90 proses</th>
              </tr>
            </thead>
            <tbody>
              {r.services.map((s) => (
                <tr key={s.code}>
                  <td>
                    {s.number}. {s.shortName}
                  </td>
                  <td className="nowrap">{s.limitText}</td>
                  <td className="r">{num(s.visits)}</td>
                  <td className="r">{num(s.returnedVisits)}</td>
                  <td className="r">{num(s.completed)}</td>
                  <td className="r">{num(s.rejected)}</td>
                  <td className="r">
                    {num(s.open)}
                    {s.openOverdue > 0 ? ` (${num(s.openOverdue)} lewat)` : ''}
                  </td>
                  <td className="r">
                    {pct(s.inTimePct)}
                    {s.guarantee && s.guarantee.timed > 0 && <div className="muted small">jaminan {s.guarantee.minutes} menit: {pct(s.guarantee.pct)}</div>}
                    {s.outsideLimit > 0 && <div className="muted small">{num(s.outsideLimit)} di luar jangka waktu</div>}
                  </td>
                  <td className="r">{pct(s.inTimePctWithoutExcuse)}</td>
                  <td className="r">
                    {num(s.processingMedianMin, 1)} / {num(s.processingP90Min, 1)} mnt
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
      </section>
      <p className="muted small" data-testid="report-excused">
        Tepat waktu {num(t.finishedInTime)} dari {num(t.finishedInTime + t.finishedLate)} berkas ({pct(t.inTimePct)}) dengan waktu gangguan internet/SPSE tidak dihitung bagi layanan yang
        jaminannya bersyarat &quot;jika tidak ada gangguan internet&quot;; tanpa pengecualian itu {num(t.finishedInTimeWithoutExcuse)} dari{' '}
        {num(t.finishedInTimeWithoutExcuse + t.finishedLateWithoutExcuse)} ({pct(t.inTimePctWithoutExcuse)}). Berkas dengan waktu gangguan: {num(t.excusedVisits)} ({num(t.excusedMinutes, 1)} menit kerja).
        Di luar jangka waktu layanan (diteruskan ke helpdesk LKPP): {num(t.outsideLimit)}.
        {r.outages.length > 0 && <> Gangguan seluruh kantor: {r.outages.map((o) => `${o.kindLabel} ${fmtDateTime(o.from)} – ${o.to === null ? 'berlangsung' : fmtDateTime(o.to)} (${o.reason})`).join('; ')}.</>}
      </p>
      <section className="card">
          <div className="card-head">
            <h2>Kepatuhan jangka waktu</h2>
            <span className="muted small">Berkas selesai atau ditolak, dan berkas belum selesai yang sudah lewat jangka waktu</span>
          </div>
          <div style={{ width: '100%', height: Math.max(180, 44 * compliance.length + 60) }} data-testid="chart-compliance">
            <ResponsiveContainer>
              <BarChart data={compliance} layout="vertical" margin={{ top: 4, right: 12, left: 8, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="Tepat waktu" stackId="c" fill="#548235" isAnimationActive={false} />
                <Bar dataKey="Terlambat" stackId="c" fill="#c00000" isAnimationActive={false} />
                <Bar dataKey="Belum selesai, lewat waktu" stackId="c" fill="#f4b183" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
      </section>

      <div className="report-grid">
        <section className="card">
          <div className="card-head">
            <h2>Durasi tahapan (menit kerja)</h2>
          </div>
          <table className="report-table">
            <thead>
              <tr>
                <th>Tahap</th>
                <th className="r">Berkas</th>
                <th className="r">Median</th>
                <th className="r">Persentil 90</th>
              </tr>
            </thead>
            <tbody>
              {r.stages.map((s) => (
                <tr key={s.stage}>
                  <td>{s.label}</td>
                  <td className="r">{num(s.count)}</td>
                  <td className="r">{num(s.medianMin, 1)}</td>
                  <td className="r">{num(s.p90Min, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <div className="card-head">
            <h2>Dokumen paling sering kurang</h2>
            <span className="muted small">
              {num(t.returnedVisits)} kunjungan dikembalikan, {num(t.returns)} kali
            </span>
          </div>
          <table className="report-table" data-testid="report-missing">
            <tbody>
              {r.missingDocuments.slice(0, 10).map((m) => (
                <tr key={m.itemCode}>
                  <td>{m.label}</td>
                  <td className="r">{num(m.count)}×</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.missingDocuments.length === 0 && <p className="muted">Tidak ada berkas yang dikembalikan.</p>}
        </section>
      </div>

      <section className="card">
        <div className="card-head">
          <h2>Kinerja petugas</h2>
          <span className="muted small">Evaluasi kinerja pelaksana (Perwali Pasal 5)</span>
        </div>
        <table className="report-table" data-testid="report-staff">
          <thead>
            <tr>
              <th>Petugas</th>
              <th>Peran</th>
              <th className="r">Buku tamu</th>
              <th className="r">Penyerahan</th>
              <th className="r">Median periksa</th>
              <th className="r">Selesai / ditolak</th>
              <th className="r">Tepat waktu</th>
              <th className="r">Median proses</th>
            </tr>
          </thead>
          <tbody>
            {r.staff.map((s) => (
              <tr key={s.userId}>
                <td>{s.name}</td>
                <td>{s.roles.map((x) => ROLE_LABEL[x] ?? x).join(', ')}</td>
                <td className="r">{num(s.registered)}</td>
                <td className="r">{num(s.handedOver)}</td>
                <td className="r">{num(s.checkingMedianMin, 1)} mnt</td>
                <td className="r">
                  {num(s.completed)} / {num(s.rejected)}
                </td>
                <td className="r">{pct(s.inTimePct)}</td>
                <td className="r">{num(s.processingMedianMin, 1)} mnt</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="report-grid even">
        <NotableList title={`Diskresi (Pasal 6): ${num(t.discretion)}`} rows={r.discretion} none="Tidak ada penggunaan diskresi." />
        <NotableList title={`Permohonan ditolak: ${num(t.rejected)}`} rows={r.rejections} none="Tidak ada permohonan yang ditolak." />
      </div>
      <ReportComplaints complaints={r.complaints} />
      <ReportQueue queue={r.queue} />
    </>
  );
}

function NotableList(props: { title: string; rows: Report['discretion']; none: string }) {
  return (
    <section className="card">
      <div className="card-head">
        <h2>{props.title}</h2>
      </div>
      {props.rows.length === 0 ? (
        <p className="muted">{props.none}</p>
      ) : (
        <table className="report-table">
          <tbody>
            {props.rows.slice(0, 30).map((d, i) => (
              <tr key={i}>
                <td className="nowrap">{fmtIsoDate(d.day)}</td>
                <td>
                  {d.companyName ?? '–'}
                  <div className="muted small">{d.serviceName}</div>
                </td>
                <td>
                  {d.reason ?? '–'}
                  <div className="muted small">{d.byName ?? ''}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ExportBox(props: { month: string; onDone: (format: string) => void }) {
  const toast = useApp((s) => s.toast);
  const [personal, setPersonal] = useState(false);
  const [job, setJob] = useState<{ format: Format; progress: number; phase: string } | null>(null);
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );

  async function start(format: Format) {
    if (personal && format !== 'pdf') {
      const ok = window.confirm(
        'Ekspor ini akan memuat NIK dan nomor telepon pemohon tanpa penyamaran (data pribadi, UU 27/2022). Ekspor dicatat atas nama Anda. Lanjutkan?',
      );
      if (!ok) return;
    }
    const r = await call('report.exportStart', { month: props.month, format, includePersonalData: personal });
    if (!r.ok) return toast('error', r.error.issues?.[0]?.message ?? r.error.message);
    setJob({ format, progress: 0, phase: 'Memulai' });
    for (;;) {
      await new Promise((res) => setTimeout(res, 300));
      if (cancelled.current) return;
      const s = await call('report.exportStatus', { jobId: r.value.jobId });
      if (!s.ok) {
        setJob(null);
        return toast('error', s.error.message);
      }
      setJob({ format, progress: s.value.progress, phase: s.value.phase });
      if (s.value.state === 'failed') {
        setJob(null);
        return toast('error', s.value.error ?? 'Ekspor gagal.');
      }
      if (s.value.state === 'done' && s.value.file) {
        downloadBase64(s.value.file.base64, s.value.file.fileName, s.value.file.mimeType);
        setJob(null);
        props.onDone(FORMAT_LABEL[format]);
        return;
      }
    }
  }

  return (
    <div className="export-box" data-testid="export-box">
      <div className="print-actions">
        {(Object.keys(FORMAT_LABEL) as Format[]).map((f) => (
          <button key={f} type="button" className={f === 'xlsx' ? 'primary' : 'secondary'} disabled={job !== null} onClick={() => void start(f)} data-testid={`export-${f}`}>
            Ekspor {FORMAT_LABEL[f]}
          </button>
        ))}
      </div>
      <label className="small">
        <input type="checkbox" checked={personal} onChange={(e) => setPersonal(e.target.checked)} data-testid="export-personal" /> Sertakan NIK dan telepon lengkap (XLSX/CSV; tercatat sebagai
        ekspor data pribadi)
      </label>
      {job && (
        <div className="export-status" role="status" data-testid="export-progress">
          <div className="export-progress" aria-label="Kemajuan ekspor">
            <div style={{ width: `${Math.round(job.progress * 100)}%` }} />
          </div>
          <span>
            {Math.round(job.progress * 100)}% · {job.phase}
          </span>
        </div>
      )}
    </div>
  );
}

function ExportLog() {
  // Every export is a `report.exported` event: the log follows their change notices, from any workstation.
  // The log lists the latest exports of any month; a new one anywhere is a notice.
  const log = useLive(() => call('report.exports', { limit: 20 }), [], { types: ['report_export'] }).data;
  if (!log || log.entries.length === 0) return null;
  return (
    <section className="card">
      <div className="card-head">
        <h2>Catatan ekspor</h2>
        <span className="muted small">Siapa mengekspor apa, dan apakah memuat data pribadi (UU 27/2022)</span>
      </div>
      <table className="report-table" data-testid="export-log">
        <thead>
          <tr>
            <th>Waktu</th>
            <th>Oleh</th>
            <th>Bulan</th>
            <th>Format</th>
            <th>Data pribadi</th>
            <th className="r">Kunjungan</th>
          </tr>
        </thead>
        <tbody>
          {log.entries.map((e, i) => (
            <tr key={i}>
              <td className="nowrap">{fmtDateTime(e.at)}</td>
              <td>{e.byName ?? '—'}</td>
              <td>{e.month}</td>
              <td>{e.format.toUpperCase()}</td>
              <td>{e.personalData ? 'Lengkap' : 'Disamarkan'}</td>
              <td className="r">{num(e.visitCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
