/** The monthly report's complaints section on screen (the same figures as the XLSX sheet and the PDF). */
import type { MonthlyComplaints } from '../../../contract/complaints';
import { fmtDateTime } from '../ui/format';

const num = (v: number) => v.toLocaleString('id-ID');
const pct = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);

export function ReportComplaints(props: { complaints: MonthlyComplaints | undefined }) {
  const c = props.complaints;
  if (!c) return null;
  const rows: Array<[string, string]> = [
    ['Pengaduan diterima', num(c.received)],
    ['Lengkap pada pemeriksaan pertama', num(c.complete)],
    ['Tidak lengkap', num(c.incomplete)],
    ['Belum diputuskan kelengkapannya', num(c.undecided)],
    ['Diberitahukan dalam 3 hari kerja', `${num(c.completenessInTime)} (${pct(c.completenessInTimePct)})`],
    ['Pemberitahuan terlambat / lewat batas', num(c.completenessLate)],
    ['Ditanggapi dalam 6 hari kerja', `${num(c.responseInTime)} (${pct(c.responseInTimePct)})`],
    ['Tanggapan terlambat / lewat batas', num(c.responseLate)],
    ['Lewat batas waktu, belum selesai', num(c.overdue)],
    ['Melewati batas waktu pengaduan (30 hari)', num(c.lateFiling)],
    ['Saran dan masukan', num(c.suggestions)],
  ];
  return (
    <section className="card" data-testid="report-complaints">
      <div className="card-head">
        <h2>Pengaduan, saran dan masukan</h2>
        <span className="muted small">Perwali Banjarmasin 67/2018 Pasal 8; pengaduan yang diterima bulan ini, status per waktu penyusunan</span>
      </div>
      <div className="report-grid">
        <table className="report-table">
          <tbody>
            {rows.map(([l, v]) => (
              <tr key={l}>
                <td>{l}</td>
                <td className="r" data-testid={`report-complaints-${l}`}>
                  {v}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <table className="report-table">
            <thead>
              <tr>
                <th>Menurut layanan</th>
                <th className="r">Jumlah</th>
              </tr>
            </thead>
            <tbody>
              {c.byService.map((s) => (
                <tr key={s.code ?? '-'}>
                  <td>{s.name}</td>
                  <td className="r">{num(s.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="report-table" style={{ marginTop: 10 }}>
            <thead>
              <tr>
                <th>Menurut saluran</th>
                <th className="r">Pengaduan</th>
                <th className="r">Saran</th>
              </tr>
            </thead>
            <tbody>
              {[...new Set([...c.byChannel.map((x) => x.channel), ...c.suggestionsByChannel.map((x) => x.channel)])].map((ch) => (
                <tr key={ch}>
                  <td>{(c.byChannel.find((x) => x.channel === ch) ?? c.suggestionsByChannel.find((x) => x.channel === ch))!.label}</td>
                  <td className="r">{num(c.byChannel.find((x) => x.channel === ch)?.count ?? 0)}</td>
                  <td className="r">{num(c.suggestionsByChannel.find((x) => x.channel === ch)?.count ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {c.list.length > 0 && (
        <table className="report-table" style={{ marginTop: 12 }} data-testid="report-complaint-list">
          <thead>
            <tr>
              <th>Nomor</th>
              <th>Diterima</th>
              <th>Saluran</th>
              <th>Layanan</th>
              <th>Tahap</th>
              <th>Kelengkapan</th>
              <th>Tanggapan</th>
            </tr>
          </thead>
          <tbody>
            {c.list.map((x) => (
              <tr key={x.number}>
                <td className="nowrap">
                  {x.number}
                  {x.lateFiling ? ' *' : ''}
                </td>
                <td className="nowrap">{fmtDateTime(x.receivedAt)}</td>
                <td>{x.channelLabel}</td>
                <td>{x.serviceName ?? '—'}</td>
                <td>{x.stageLabel}</td>
                <td>{x.completenessState}</td>
                <td>{x.responseState}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
