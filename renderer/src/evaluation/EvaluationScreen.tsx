/**
 * Evaluasi Kinerja Pelaksana (Perwali 67/2018 Pasal 5, issue 14, ADR 0023): per officer for a month, from
 * the log — files handled, on time, returned, complaints about the files they handled, and the survey of
 * the services they handled — for the Kepala Sub Bagian and the Kepala Bagian, printable as a PDF.
 */
import { useState } from 'react';
import { call } from '../api';
import { useLive } from '../live';
import { downloadBase64 } from '../print/download';
import { useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { MonthPicker } from '../ui/MonthPicker';

const ROLE_LABEL: Record<string, string> = { helpdesk: 'Helpdesk', verifier: 'Verifikator', sysadmin: 'Admin Sistem', supervisor: 'Supervisor', kepala_subbagian: 'Kepala Sub Bagian', kepala_bagian: 'Kepala Bagian' };
const pct = (v: number | null) => (v === null ? '–' : `${v.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);

export function EvaluationScreen() {
  const status = useApp((s) => s.status);
  const toast = useApp((s) => s.toast);
  const today = status?.today ?? new Date().toISOString().slice(0, 10);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [busy, setBusy] = useState(false);
  const live = useLive(() => call('evaluation.month', { month }), [month], { types: ['visit', 'complaint', 'user', 'survey_response'], clock: true });
  const e = live.data;
  return (
    <div className="screen" data-testid="evaluation-screen">
      <h1>Evaluasi Kinerja Pelaksana</h1>
      <div className="desk-actions">
        <div className="field">
          <label htmlFor="evaluation-month">Bulan</label>
          <MonthPicker id="evaluation-month" value={month} max={today.slice(0, 7)} minYear={2018} onChange={setMonth} testId="evaluation-month" />
        </div>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          data-testid="evaluation-pdf"
          onClick={asyncHandler(async () => {
            setBusy(true);
            const r = await call('evaluation.pdf', { month });
            setBusy(false);
            if (!r.ok) return toast('error', r.error.message);
            downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
            toast('success', 'Evaluasi kinerja pelaksana diunduh (PDF).');
          })}
        >
          Unduh PDF
        </button>
      </div>
      {live.error && <p className="banner banner-error">{live.error.message}</p>}
      {e && (
        <>
          <table className="table static" data-testid="evaluation-table">
            <thead>
              <tr>
                <th>Petugas</th>
                <th>Dicatat</th>
                <th>Diserahkan</th>
                <th>Dikembalikan</th>
                <th>Selesai</th>
                <th>Ditolak</th>
                <th>Tepat waktu</th>
                <th>Terlambat</th>
                <th>% tepat</th>
                <th>Melewati batas</th>
                <th>Pengaduan</th>
                <th>Survei layanan (IKM)</th>
              </tr>
            </thead>
            <tbody>
              {e.officers.map((o) => (
                <tr key={o.userId} data-testid={`evaluation-row-${o.name}`}>
                  <td>
                    {o.name}
                    <br />
                    <span className="muted">{o.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ')}</span>
                  </td>
                  <td>{o.registered}</td>
                  <td>{o.handedOver}</td>
                  <td>{o.returned}</td>
                  <td>{o.completed}</td>
                  <td>{o.rejected}</td>
                  <td>{o.finishedInTime}</td>
                  <td>{o.finishedLate}</td>
                  <td>{pct(o.inTimePct)}</td>
                  <td>{o.overdueOpen}</td>
                  <td>{o.complaints.length === 0 ? '0' : o.complaints.map((c) => c.number).join(', ')}</td>
                  <td>{o.survey.length === 0 ? '–' : o.survey.map((s) => `${s.serviceName}: ${s.ikm === null ? 'belum ada responden' : s.ikm.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Cara penghitungan</h2>
          <ol className="muted">
            {e.definitions.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
