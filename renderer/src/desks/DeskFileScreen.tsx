/**
 * One file at a desk: who has it, the service clock, the documents received, and the actions of the
 * verifier / system admin (take the file, wait for the vendor, forward to LKPP, record LKPP's answer,
 * finish, reject with a reason, notes). A conflict from another workstation is shown to everyone involved.
 */
import { useState } from 'react';
import type { InputOf } from '../../../contract/api';
import { call } from '../api';
import { useAction, useLive } from '../live';
import { hasRole, useApp } from '../store';
import { focusWhenPresent, useStartFocus } from '../ui/focus';
import { sentence } from '../../../domain/sentence';
import { fmtDateTime } from '../ui/format';
import { Timeline } from '../ui/Timeline';
import { ClockPanel } from './clock';
import { DisruptionCard } from './DisruptionCard';
import { DeskStatusChip } from './DeskScreen';
import { deskScreenOf, deskText, useDeskUnits } from './units';
import './desks.css';
import { asyncHandler } from '../ui/async-handler';
import { afterLabel } from '../../../domain/sentence';
import { ServiceProcedure } from '../standard/ServiceProcedure';
import {
  EMPTY_VENDOR_RECORD,
  initialVendorRecord,
  missingVendorField,
  VENDOR_FIELD_ID,
  vendorFieldOfPath,
  VendorRecordFields,
  vendorRecordToSend,
  type VendorFieldError,
  type VendorRecordDraft,
} from './VendorRecordFields';

type Action = 'desk.claim' | 'desk.release' | 'desk.complete' | 'desk.reject' | 'desk.forwardLkpp' | 'desk.lkppResult' | 'desk.pause' | 'desk.resume' | 'desk.addNote';
type Dialog = null | 'complete' | 'reject' | 'pause' | 'forward' | 'lkpp';

const LKPP_RESULT: Record<string, string> = { approved: 'Disetujui LKPP', rejected: 'Ditolak LKPP', answered: 'Dijawab LKPP, proses dilanjutkan' };

export function DeskFileScreen(props: { params?: Record<string, string> }) {
  const visitId = props.params?.id ?? '';
  // The desk the file was opened from (a handling unit of the catalogue, issue 14); the seeded verifier's by default.
  const desk = props.params?.desk ?? 'verifier';
  const units = useDeskUnits();
  const go = useApp((s) => s.go);
  const toast = useApp((s) => s.toast);
  const session = useApp((s) => s.session);
  const action = useAction();
  const busy = action.busy;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const [ticket, setTicket] = useState('');
  const [lkppResult, setLkppResult] = useState<'approved' | 'rejected' | 'answered'>('approved');
  const [fieldError, setFieldError] = useState<string | null>(null);
  // Which wait the pause dialog records: "menunggu penyedia" or a kind the service defines (issue 14).
  const [pauseKind, setPauseKind] = useState<{ code: string; label: string }>({ code: 'waiting_vendor', label: 'Menunggu penyedia' });
  const [note, setNote] = useState('');
  const [vendorRecord, setVendorRecord] = useState<VendorRecordDraft>(EMPTY_VENDOR_RECORD);
  const [vendorError, setVendorError] = useState<VendorFieldError | null>(null);

  // The file and its desk state follow the visit's change notices (a claim at another desk, a sync page)
  // and counter hours opening or closing; the countdown ticks locally in between.
  const infoLive = useLive(() => call('desk.get', { visitId }), [visitId], { ids: [visitId], clock: true });
  const detailLive = useLive(() => call('visits.get', { visitId }), [visitId], { ids: [visitId] });
  const info = infoLive.data ? { value: infoLive.data, fetchedAt: infoLive.fetchedAt } : null;
  const detail = detailLive.data;
  const error = infoLive.error?.message ?? detailLive.error?.message ?? null;
  useStartFocus(() => document.querySelector<HTMLElement>('.desk-actions button.primary') ?? document.getElementById('desk-file-title'), !!info && !!detail);

  async function act<M extends Action>(method: M, input: InputOf<M>, success: string): Promise<boolean> {
    const done = await action.run(async () => {
      const r = await call(method, input);
      if (r.ok) {
        infoLive.set(r.value);
        toast('success', success);
        setFieldError(null);
        // The next step of the file, where the button just pressed was.
        focusWhenPresent(['.desk-actions button.primary:not([aria-disabled="true"])', '#desk-file-title']);
        return true;
      }
      const issue = r.error.issues?.[0];
      const vendorField = vendorFieldOfPath(issue?.path);
      if (vendorField && issue) {
        // A wrong vendor value (NPWP check digit, e-mail) is named under its field, which gets the focus.
        setVendorError({ field: vendorField, message: issue.message });
        setFieldError(null);
        focusWhenPresent([`#${VENDOR_FIELD_ID[vendorField]}`]);
      } else setFieldError(issue?.message ?? null);
      toast('error', issue?.message ?? r.error.message);
      void infoLive.reload();
      return false;
    });
    return done === true;
  }

  function open(d: Dialog) {
    setText('');
    setTicket('');
    setFieldError(null);
    setVendorError(null);
    setLkppResult('approved');
    if (d === 'complete' && info?.value.vendorRecord) setVendorRecord(initialVendorRecord(info.value.vendorRecord));
    setDialog(d);
  }

  if (error && !info) return <div className="banner banner-error">{error}</div>;
  if (!info || !detail) return <p className="muted">Memuat…</p>;
  const d = info.value;
  const v = detail.visit;
  const mine = d.mine;
  const isSupervisor = hasRole(session, 'supervisor');
  const deskWords = deskText(desk, units);
  const item = deskWords.item;
  const back = deskScreenOf(desk);

  return (
    <div data-testid="desk-file">
      <div className="breadcrumbs">
        <button type="button" className="link" onClick={() => go(back.screen, back.params)}>
          ← {deskWords.title}
        </button>
        <button type="button" className="link breadcrumb-right" onClick={() => go('visit', { id: v.id })} data-testid="open-visit">
          Buka data kunjungan &amp; cetak dokumen →
        </button>
      </div>
      <section className="card visit-head">
        <div>
          <h2 id="desk-file-title" tabIndex={-1}>
            {v.visitorName} <span className="muted">{v.visitorRole === 'proxy' ? '(kuasa)' : '(pimpinan perusahaan)'}</span>
          </h2>
          <p>
            {detail.vendor ? (
              <>
                <strong>{detail.vendor.name}</strong> · NPWP {detail.vendor.npwpFormatted ?? '—'}
              </>
            ) : (
              'Tidak mewakili perusahaan'
            )}
          </p>
          <p className="muted small">
            Tanda terima {v.receiptNo ?? '—'} · Diserahkan {v.handedOverAt ? fmtDateTime(v.handedOverAt) : '—'}
          </p>
        </div>
        <div className="visit-head-right">
          <span data-testid="desk-status">
            <DeskStatusChip status={d.status} label={d.statusLabel} discretion={!!d.discretion} />
          </span>
          {detail.service && (
            <div className="service-box">
              <div className="service-name">
                {detail.service.number}. {detail.service.name}
              </div>
              <div className="muted small">Jangka waktu {d.clock?.limitText ?? afterLabel('Jangka waktu', detail.service.timeLimitText)}</div>
            </div>
          )}
        </div>
      </section>

      {d.conflictMessage && (
        <div className="banner banner-warn" data-testid="conflict-banner" role="alert">
          {d.conflictMessage}
        </div>
      )}
      {d.ignored.length > 0 && (
        <div className="banner banner-warn">
          Tindakan dari workstation lain yang datang terlambat dan tidak berlaku: {d.ignored.map((i) => `${i.label} oleh ${i.byName ?? 'petugas'} (${fmtDateTime(i.at)})`).join('; ')}.
        </div>
      )}
      {d.discretion && (
        <div className="banner banner-warn" data-testid="discretion-banner">
          <div>
            <strong>Diterima dengan diskresi (Perwali Pasal 6)</strong> oleh {d.discretion.byName ?? 'supervisor'}: {d.discretion.items.map((i) => i.label).join(', ')} belum lengkap.
            {d.discretion.reason && <div>Alasan: {d.discretion.reason}</div>}
          </div>
        </div>
      )}
      {d.outcome && (
        <div className={`banner ${d.outcome.kind === 'completed' ? 'banner-ok' : 'banner-error'}`} data-testid="outcome-banner">
          {sentence(`${d.outcome.kind === 'completed' ? 'Layanan selesai' : 'Permohonan ditolak'} pada ${fmtDateTime(d.outcome.at)} oleh ${d.outcome.byName ?? 'petugas'}${d.outcome.viaLkpp ? ' (hasil dari LKPP)' : ''}`)}
          {d.outcome.note && <div>{d.outcome.kind === 'rejected' ? 'Alasan penolakan: ' : 'Catatan: '}{d.outcome.note}</div>}
        </div>
      )}

      <div className="desk-grid">
        <div>
          {d.clock && (
            <section className="card">
              <div className="card-head">
                <h2>Waktu layanan</h2>
              </div>
              <ClockPanel clock={d.clock} fetchedAt={info.fetchedAt} />
            </section>
          )}

          <section className="card">
            <div className="card-head">
              <h2>Tindakan</h2>
              <span className="muted">{d.claimedBy ? `Ditangani oleh ${d.claimedBy.name}` : 'Belum diambil'}</span>
            </div>
            <div className="desk-actions">
              {d.status === 'handed_over' && !d.claimedBy && (
                <button type="button" className="primary" disabled={busy} data-testid="claim" onClick={asyncHandler(() => act('desk.claim', { visitId }, `Anda mengambil ${item} ini.`))}>
                  Ambil {item}
                </button>
              )}
              {mine && (d.status === 'in_process' || d.status === 'waiting_vendor') && (
                <>
                  <button type="button" className="primary" disabled={busy} data-testid="complete" onClick={() => open('complete')}>
                    Selesai
                  </button>
                  {desk === 'verifier' && (
                    <button type="button" className="danger" disabled={busy} data-testid="reject" onClick={() => open('reject')}>
                      Tolak permohonan
                    </button>
                  )}
                  {d.lkppAllowed && (
                    <button type="button" className="secondary" disabled={busy} data-testid="forward-lkpp" onClick={() => open('forward')}>
                      {desk === 'sysadmin' ? 'Teruskan ke helpdesk LKPP' : 'Teruskan ke LKPP'}
                    </button>
                  )}
                </>
              )}
              {mine &&
                d.status === 'in_process' &&
                d.pauseKinds.map((k) => (
                  <button
                    key={k.code}
                    type="button"
                    className="secondary"
                    disabled={busy}
                    data-testid={k.code === 'waiting_vendor' ? 'pause' : `pause-${k.code}`}
                    onClick={() => {
                      open('pause');
                      setPauseKind(k);
                    }}
                  >
                    {k.label}
                  </button>
                ))}
              {mine && d.status === 'waiting_vendor' && (
                <button type="button" className="secondary" disabled={busy} data-testid="resume" onClick={asyncHandler(() => act('desk.resume', { visitId }, 'Proses dilanjutkan; waktu layanan berjalan kembali.'))}>
                  Penyedia sudah melengkapi, lanjutkan
                </button>
              )}
              {mine && d.status === 'at_lkpp' && (
                <button type="button" className="primary" disabled={busy} data-testid="lkpp-result" onClick={() => open('lkpp')}>
                  Catat hasil dari LKPP
                </button>
              )}
              <span className="spacer" />
              {d.status === 'in_process' && (mine || isSupervisor) && (
                <button type="button" className="secondary" disabled={busy} onClick={asyncHandler(() => act('desk.release', { visitId, note: null }, `${item === 'kasus' ? 'Kasus' : 'Berkas'} dikembalikan ke antrean.`))}>
                  Kembalikan ke antrean
                </button>
              )}
              {!mine && d.claimedBy && d.status !== 'completed' && d.status !== 'rejected' && <span className="muted">Hanya {d.claimedBy.name} yang dapat mencatat hasilnya.</span>}
              {(d.status === 'completed' || d.status === 'rejected') && <span className="muted">Layanan untuk {item} ini sudah selesai.</span>}
            </div>
            {d.lkpp && (
              <dl className="kv" style={{ marginTop: 12 }}>
                <dt>Diteruskan ke LKPP</dt>
                <dd>
                  {fmtDateTime(d.lkpp.forwardedAt)} oleh {d.lkpp.forwardedByName ?? 'petugas'}
                  {d.lkpp.ticketNo ? ` · tiket ${d.lkpp.ticketNo}` : ''}
                  {d.lkpp.note ? ` — ${d.lkpp.note}` : ''}
                </dd>
                {d.lkpp.result && (
                  <>
                    <dt>Hasil LKPP</dt>
                    <dd>
                      {LKPP_RESULT[d.lkpp.result]} {d.lkpp.closedAt ? `(${fmtDateTime(d.lkpp.closedAt)})` : ''}
                      {d.lkpp.resultNote ? ` — ${d.lkpp.resultNote}` : ''}
                    </dd>
                  </>
                )}
              </dl>
            )}
          </section>

          <DisruptionCard info={d} now={d.clock?.asOf ?? Date.now()} onChanged={(value) => infoLive.set(value)} />

          <section className="card">
            <div className="card-head">
              <h2>Catatan {desk === 'sysadmin' ? 'kasus' : 'berkas'}</h2>
            </div>
            {d.notes.length === 0 && d.pauses.length === 0 && <p className="muted">Belum ada catatan.</p>}
            <ul className="notes" data-testid="notes">
              {[
                ...d.pauses.map((p, i) => ({
                  key: `p${i}`,
                  at: p.from,
                  when: `${fmtDateTime(p.from)}${p.to ? ` – ${fmtDateTime(p.to)}` : ' – sekarang'}`,
                  by: p.byName,
                  body: (
                    <>
                      {p.kindLabel}
                      {p.note ? `: ${p.note}` : ''} <span className="muted">(waktu tidak dihitung)</span>
                    </>
                  ),
                })),
                ...d.notes.map((n, i) => ({ key: `n${i}`, at: n.at, when: fmtDateTime(n.at), by: n.byName, body: <>{n.text}</> })),
              ]
                .sort((a, b) => a.at - b.at)
                .map((e) => (
                  <li key={e.key}>
                    <span className="muted small">
                      {e.when} · {e.by}
                    </span>
                    <div>{e.body}</div>
                  </li>
                ))}
            </ul>
            <div className="field">
              <label htmlFor="desk-note">Tambah catatan</label>
              <textarea id="desk-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="secondary"
                disabled={busy || note.trim() === ''}
                onClick={asyncHandler(async () => {
                  if (await act('desk.addNote', { visitId, text: note }, 'Catatan disimpan.')) setNote('');
                })}
              >
                Simpan catatan
              </button>
            </div>
          </section>
        </div>

        <div>
          <section className="card">
            <div className="card-head">
              <h2>Dokumen diterima</h2>
              <span className="muted">
                {detail.summary.satisfied} dari {detail.summary.total}
              </span>
            </div>
            <ul className="received">
              {detail.checklist.map((c) => (
                <li key={c.code}>
                  <span className={c.verdict === 'ok' ? 'ok' : 'bad'}>{c.verdict === 'ok' ? '✓' : '!'}</span>
                  {c.label}
                  {d.discretion?.items.some((i) => i.code === c.code) && <span className="chip chip-discretion">diskresi</span>}
                </li>
              ))}
            </ul>
          </section>
          {detail.service && <ServiceProcedure service={detail.service} />}
          <Timeline entries={detail.timeline} />
        </div>
      </div>

      {dialog && (
        <div
          className="modal-backdrop"
          role="dialog"
          aria-modal="true"
          aria-labelledby="desk-dialog-title"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setDialog(null);
              focusWhenPresent(['.desk-actions button.primary', '#desk-file-title']);
            }
          }}
        >
          <div className="modal">
            <h2 id="desk-dialog-title">
              {dialog === 'complete' && 'Catat layanan selesai'}
              {dialog === 'reject' && 'Tolak permohonan'}
              {dialog === 'pause' && pauseKind.label}
              {dialog === 'forward' && (desk === 'sysadmin' ? 'Teruskan ke helpdesk LKPP' : 'Teruskan ke LKPP')}
              {dialog === 'lkpp' && 'Hasil dari LKPP'}
            </h2>
            {dialog === 'reject' && <p>Alasan penolakan disampaikan kepada penyedia dan dicetak pada surat penolakan.</p>}
            {dialog === 'pause' && (
              <p>{pauseKind.code === 'waiting_vendor' ? 'Waktu layanan dihentikan sampai penyedia melengkapi. Tuliskan apa yang ditunggu.' : 'Waktu layanan dihentikan selama menunggu. Tuliskan apa yang ditunggu.'}</p>
            )}
            {dialog === 'forward' && <p>Selama berkas di LKPP, waktunya tidak dihitung terhadap jangka waktu LPSE.</p>}
            {dialog === 'lkpp' && (
              <div className="radio-row" role="radiogroup" aria-label="Hasil dari LKPP">
                {(['approved', 'rejected', 'answered'] as const).map((r) => (
                  <label key={r}>
                    <input type="radio" name="lkpp-result" checked={lkppResult === r} onChange={() => setLkppResult(r)} /> {LKPP_RESULT[r]}
                  </label>
                ))}
              </div>
            )}
            {dialog === 'forward' && (
              <div className="field">
                <label htmlFor="desk-ticket">Nomor tiket LKPP (jika ada)</label>
                <input id="desk-ticket" value={ticket} onChange={(e) => setTicket(e.target.value)} />
              </div>
            )}
            {dialog === 'complete' && info?.value.vendorRecord && <VendorRecordFields view={info.value.vendorRecord} value={vendorRecord} error={vendorError} onChange={(d) => (setVendorRecord(d), setVendorError(null))} />}
            <div className={`field ${fieldError ? 'has-error' : ''}`}>
              <label htmlFor="desk-text">
                {dialog === 'reject' ? 'Alasan penolakan' : dialog === 'pause' ? (pauseKind.code === 'waiting_vendor' ? 'Yang ditunggu dari penyedia' : 'Yang ditunggu') : dialog === 'lkpp' && lkppResult === 'rejected' ? 'Alasan penolakan dari LKPP' : 'Catatan (opsional)'}
                {(dialog === 'reject' || dialog === 'pause' || (dialog === 'lkpp' && lkppResult === 'rejected')) && <span className="req"> *</span>}
              </label>
              <textarea
                id="desk-text"
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoFocus={!(dialog === 'complete' && info?.value.vendorRecord?.current)}
                data-testid="desk-dialog-text"
              />
              {fieldError && <div className="field-error">{fieldError}</div>}
            </div>
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => setDialog(null)}>
                Batal
              </button>
              <button
                type="button"
                className={dialog === 'reject' ? 'danger' : 'primary'}
                disabled={busy}
                data-testid="desk-dialog-confirm"
                onClick={asyncHandler(async () => {
                  let ok = false;
                  if (dialog === 'complete') {
                    const view = info?.value.vendorRecord;
                    // The service's value is required (services 1–5): named and focused before anything is sent.
                    const missing = view?.current ? missingVendorField(view.kind, vendorRecord) : null;
                    if (missing) {
                      setVendorError(missing);
                      focusWhenPresent([`#${VENDOR_FIELD_ID[missing.field]}`]);
                      return;
                    }
                    const vr = view ? vendorRecordToSend(view.kind, vendorRecord) : undefined;
                    ok = await act('desk.complete', { visitId, note: text, ...(vr ? { vendorRecord: vr } : {}) }, vr ? 'Layanan dicatat selesai; data penyedia diperbarui.' : 'Layanan dicatat selesai.');
                  }
                  if (dialog === 'reject') ok = await act('desk.reject', { visitId, reason: text }, 'Permohonan ditolak; alasan dicatat untuk surat penolakan.');
                  if (dialog === 'pause') ok = await act('desk.pause', { visitId, note: text, kind: pauseKind.code }, `Waktu layanan dihentikan: ${pauseKind.label.toLowerCase()}.`);
                  if (dialog === 'forward') ok = await act('desk.forwardLkpp', { visitId, note: text, ticketNo: ticket }, 'Diteruskan ke LKPP; waktu di LKPP tidak dihitung.');
                  if (dialog === 'lkpp') ok = await act('desk.lkppResult', { visitId, result: lkppResult, note: text }, 'Hasil dari LKPP dicatat.');
                  if (ok) setDialog(null);
                })}
              >
                Simpan
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
