/**
 * Data Pribadi (Pengaturan; heads of the unit): the duties of UU 27/2022 in one place (ADR 0019) — the
 * responsible officer, the retention period and who is due under it, a visitor's request (a copy of their
 * records, or erasure with its written basis), and the register of erasures carried out. An erasure is
 * recorded once and carried out on every PC and the server through sync; counts and statistics stay.
 */
import { useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { fmtDateTime } from '../ui/format';
import { BreachRegister } from './BreachRegister';
import { downloadBase64, downloadText } from '../print/download';

type Subject = OutputOf<'privacy.findSubjects'>['subjects'][number];

export function PrivacyScreen() {
  const toast = useApp((s) => s.toast);
  const live = useLive(() => call('privacy.overview', {}), [], { types: ['erasure', 'settings', 'person', 'visit'] });
  const data = live.data;
  const [months, setMonths] = useState<string | null>(null);
  const [monthsError, setMonthsError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [queryError, setQueryError] = useState<string | null>(null);
  const [found, setFound] = useState<Subject[] | null>(null);
  const [erasing, setErasing] = useState<Subject | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmExpired, setConfirmExpired] = useState(false);
  const [busy, setBusy] = useState(false);

  const monthsText = months ?? (data?.retentionMonths != null ? String(data.retentionMonths) : '');

  async function saveRetention(e: FormEvent) {
    e.preventDefault();
    const n = monthsText.trim() === '' ? null : Number(monthsText);
    if (n !== null && !Number.isInteger(n)) return setMonthsError('Masa retensi harus bilangan bulat bulan.');
    setBusy(true);
    const r = await call('privacy.setRetention', { months: n });
    setBusy(false);
    if (!r.ok) return setMonthsError(r.error.issues?.[0]?.message ?? r.error.message);
    setMonthsError(null);
    setMonths(null);
    toast('success', n === null ? 'Masa retensi dikosongkan.' : `Masa retensi data pengunjung ditetapkan ${n} bulan.`);
  }

  async function search(e: FormEvent) {
    e.preventDefault();
    const r = await call('privacy.findSubjects', { query });
    if (!r.ok) {
      setQueryError(r.error.issues?.[0]?.message ?? r.error.message);
      setFound(null);
      return;
    }
    setQueryError(null);
    setFound(r.value.subjects);
    setErasing(null);
  }

  async function exportSubject(s: Subject) {
    const r = await call('privacy.subjectExport', { personId: s.personId });
    if (!r.ok) return toast('error', r.error.message);
    downloadText(r.value.json, r.value.fileName);
    toast('success', `Salinan data ${s.name} diunduh (${r.value.fileName}).`);
  }

  /** The readable copy for the person (A4, letterhead, Indonesian), beside the JSON (ADR 0019). */
  async function exportSubjectPdf(s: Subject) {
    const r = await call('privacy.subjectExportPdf', { personId: s.personId });
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
    toast('success', `Salinan data ${s.name} (PDF) diunduh (${r.value.fileName}).`);
  }

  async function erase(e: FormEvent) {
    e.preventDefault();
    if (!erasing) return;
    setBusy(true);
    const r = await call('privacy.erase', { personId: erasing.personId, note });
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      if (!r.error.issues?.length) toast('error', r.error.message);
      return;
    }
    toast('success', `Data pribadi ${erasing.name} telah dihapus (${r.value.redacted} catatan). Penghapusan diteruskan ke server dan komputer lain saat sinkronisasi.`);
    setFound((f) => (f ? f.filter((x) => x.personId !== erasing.personId) : f));
    setErasing(null);
    setNote('');
    setErrors({});
  }

  async function eraseExpired() {
    setBusy(true);
    const r = await call('privacy.eraseExpired', { confirm: true });
    setBusy(false);
    setConfirmExpired(false);
    if (!r.ok) return toast('error', r.error.message);
    toast('success', `${r.value.erased} pengunjung dihapus data pribadinya (masa retensi ${r.value.months} bulan).`);
  }

  return (
    <div>
      <h1>Data Pribadi</h1>
      <p className="muted">
        Kewajiban pelindungan data pribadi (UU No. 27 Tahun 2022): pejabat yang bertanggung jawab, masa retensi sesuai jadwal retensi arsip,
        permintaan pemohon atas datanya, dan penghapusan yang tercatat. Penghapusan berlaku di komputer ini, di server pusat, dan di komputer lain
        setelah sinkronisasi; jumlah kunjungan dan statistik laporan tetap.
      </p>
      {live.error && (
        <div className="banner banner-error" role="alert">
          {live.error.message}
        </div>
      )}
      {data && (
        <>
          <section className="card" data-testid="privacy-officer">
            <h2>Pejabat Pelindungan Data Pribadi</h2>
            {data.dpoName ? (
              <p>
                {data.dpoName}
                {data.dpoContact ? ` — ${data.dpoContact}` : ''}
              </p>
            ) : (
              <div className="banner banner-warn">Pejabat pelindungan data pribadi belum ditetapkan. Isi di Pengaturan › Pengaturan Kantor; namanya dicetak pada tanda terima dan setiap ekspor.</div>
            )}
          </section>

          <section className="card">
            <h2>Masa retensi data pengunjung</h2>
            <form onSubmit={asyncHandler(saveRetention)} className="stack" noValidate>
              <Field label="Masa retensi (bulan sejak kunjungan terakhir)" error={monthsError ?? undefined} hint="Sesuai jadwal retensi arsip. Kosongkan bila belum ditetapkan.">
                {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={monthsText} onChange={(e) => setMonths(e.target.value)} data-testid="retention-months" />}
              </Field>
              <div>
                <button type="submit" className="primary" disabled={busy}>
                  Simpan masa retensi
                </button>
              </div>
            </form>
            {data.retentionMonths !== null && (
              <div className="stack">
                <p data-testid="retention-due">
                  {data.dueCount} pengunjung jatuh tempo (kunjungan terakhir sebelum {data.cutoff !== null ? fmtDateTime(data.cutoff) : '—'}).
                </p>
                {data.dueCount > 0 &&
                  (confirmExpired ? (
                    <div className="banner banner-warn" role="alert">
                      Hapus data pribadi {data.dueCount} pengunjung? Nama, NIK, telepon, dan e-mail mereka dihapus permanen dari semua komputer dan server.{' '}
                      <button type="button" className="danger" disabled={busy} onClick={asyncHandler(eraseExpired)}>
                        Ya, hapus
                      </button>{' '}
                      <button type="button" className="secondary" onClick={() => setConfirmExpired(false)}>
                        Batal
                      </button>
                    </div>
                  ) : (
                    <div>
                      <button type="button" className="secondary" onClick={() => setConfirmExpired(true)}>
                        Hapus data yang jatuh tempo…
                      </button>
                    </div>
                  ))}
              </div>
            )}
          </section>

          <section className="card">
            <h2>Permintaan pemohon</h2>
            <form onSubmit={asyncHandler(search)} className="stack" noValidate>
              <Field label="NIK atau nama pemohon" error={queryError ?? undefined}>
                {(id, d) => <input id={id} aria-describedby={d} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />}
              </Field>
              <div>
                <button type="submit" className="secondary">
                  Cari
                </button>
              </div>
            </form>
            {found && found.length === 0 && <p>Tidak ada pemohon yang cocok.</p>}
            {found && found.length > 0 && (
              <table className="table static" data-testid="privacy-subjects">
                <thead>
                  <tr>
                    <th>Nama</th>
                    <th>NIK</th>
                    <th>Telepon</th>
                    <th>Kunjungan</th>
                    <th>Tindakan</th>
                  </tr>
                </thead>
                <tbody>
                  {found.map((s) => (
                    <tr key={s.personId}>
                      <td>{s.name}</td>
                      <td>{s.nik ?? '—'}</td>
                      <td>{s.phone ?? '—'}</td>
                      <td>
                        {s.visitCount}
                        {s.lastVisitAt ? `, terakhir ${fmtDateTime(s.lastVisitAt)}` : ''}
                      </td>
                      <td>
                        <button type="button" className="secondary" onClick={asyncHandler(() => exportSubject(s))}>
                          Unduh salinan data (JSON)
                        </button>{' '}
                        <button type="button" className="secondary" onClick={asyncHandler(() => exportSubjectPdf(s))}>
                          Unduh salinan data (PDF)
                        </button>{' '}
                        <button type="button" className="danger" onClick={() => setErasing(s)}>
                          Hapus data pribadi…
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {erasing && (
              <form onSubmit={asyncHandler(erase)} className="stack card" noValidate data-testid="erase-form">
                <h3>Hapus data pribadi {erasing.name}</h3>
                <p>
                  Nama, NIK, telepon, dan e-mail pemohon ini dihapus permanen dari komputer ini, server pusat, dan komputer lain. Kunjungannya tetap
                  dihitung dalam laporan sebagai &quot;(data dihapus)&quot;. Tindakan ini tidak dapat dibatalkan.
                </p>
                <Field label="Dasar permintaan penghapusan" error={errors.note} hint="Mis. nomor dan tanggal surat permohonan pemohon." required>
                  {(id, d) => <textarea id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} rows={2} autoFocus />}
                </Field>
                <div>
                  <button type="submit" className="danger" disabled={busy}>
                    Hapus data pribadi
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => setErasing(null)}>
                    Batal
                  </button>
                </div>
              </form>
            )}
          </section>

          <BreachRegister />

          <section className="card">
            <h2>Daftar penghapusan</h2>
            {data.erasures.length === 0 ? (
              <p>Belum ada penghapusan data pribadi.</p>
            ) : (
              <table className="table static" data-testid="erasure-register">
                <thead>
                  <tr>
                    <th>Waktu</th>
                    <th>Alasan</th>
                    <th>Oleh</th>
                    <th>Kunjungan</th>
                    <th>Di komputer ini</th>
                  </tr>
                </thead>
                <tbody>
                  {data.erasures.map((e) => (
                    <tr key={e.id}>
                      <td>{fmtDateTime(e.at)}</td>
                      <td>{e.reason === 'retention' ? `Masa retensi ${e.retentionMonths ?? '?'} bulan` : `Permintaan pemohon: ${e.note ?? ''}`}</td>
                      <td>{e.actorName ?? '—'}</td>
                      <td>{e.visitCount}</td>
                      <td>
                        {e.appliedHere
                          ? `Dilaksanakan ${fmtDateTime(e.appliedHere.at)} (${e.appliedHere.redacted} catatan${e.appliedHere.pending ? `, ${e.appliedHere.pending} menunggu sinkronisasi` : ''})`
                          : 'Belum'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
