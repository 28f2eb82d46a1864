/** The monthly report's queue section on screen (issue 16): the same figures as the PDF part I and the XLSX sheet. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyQueue } from '../../../contract/queue';
import { hourLabel, QUEUE_NOTE, queueFigures } from '../../../domain/queue/month-figures';

const COLORS = ['#1f4e79', '#c55a11', '#548235', '#7f6000', '#7030a0', '#2e75b6', '#bf9000', '#a5a5a5'];
const num = (v: number | null, d = 0) => (v === null ? '–' : v.toLocaleString('id-ID', { minimumFractionDigits: 0, maximumFractionDigits: d }));
const mins = (v: number | null) => (v === null ? '–' : `${num(v, 1)} mnt`);

export function ReportQueue(props: { queue: MonthlyQueue | undefined }) {
  const q = props.queue;
  if (!q) return null;
  const hours = q.byHour.map((h) => ({ name: `${String(h.hour).padStart(2, '0')}.00`, ...h.byService }));
  return (
    <section className="card" data-testid="report-queue">
      <div className="card-head">
        <h2>Antrean ruang tunggu</h2>
        <span className="muted small">Nomor antrean bulan ini: pengunjung per jam, waktu tunggu sebelum dilayani, dan yang tidak hadir</span>
      </div>
      {q.tickets === 0 ? (
        <p className="muted">Tidak ada nomor antrean yang diambil pada bulan ini.</p>
      ) : (
        <>
          <div className="report-grid">
            <table className="report-table">
              <tbody>
                {queueFigures(q).map(([l, v]) => (
                  <tr key={l}>
                    <td>{l}</td>
                    <td className="r" data-testid={`report-queue-${l}`}>
                      {v}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div style={{ width: '100%', height: 260 }} data-testid="chart-queue-hours" role="img" aria-label="Jumlah nomor antrean menurut jam pengambilan nomor">
              <ResponsiveContainer>
                <BarChart data={hours} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                  <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {q.byService.map((s, i) => (
                    <Bar key={s.code} dataKey={s.code} name={s.label} stackId="q" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div className="report-grid even">
            <table className="report-table">
              <thead>
                <tr>
                  <th>Jam</th>
                  <th className="r">Nomor</th>
                  <th className="r">Rata-rata/hari</th>
                  <th className="r">Median tunggu</th>
                  <th className="r">Persentil 90</th>
                </tr>
              </thead>
              <tbody>
                {q.byHour.map((h) => (
                  <tr key={h.hour}>
                    <td>{hourLabel(h.hour)}</td>
                    <td className="r">{num(h.tickets)}</td>
                    <td className="r">{num(h.perDay, 1)}</td>
                    <td className="r">{mins(h.waitMedianMin)}</td>
                    <td className="r">{mins(h.waitP90Min)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="report-table" data-testid="report-queue-services">
              <thead>
                <tr>
                  <th>Layanan</th>
                  <th className="r">Nomor</th>
                  <th className="r">Dilayani</th>
                  <th className="r">Tidak hadir</th>
                  <th className="r">Median tunggu</th>
                  <th className="r">Persentil 90</th>
                </tr>
              </thead>
              <tbody>
                {q.byService.map((s) => (
                  <tr key={s.code}>
                    <td>{s.label}</td>
                    <td className="r">{num(s.tickets)}</td>
                    <td className="r">{num(s.served)}</td>
                    <td className="r">{num(s.noShows)}</td>
                    <td className="r">{mins(s.waitMedianMin)}</td>
                    <td className="r">{mins(s.waitP90Min)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{QUEUE_NOTE}</p>
        </>
      )}
    </section>
  );
}
