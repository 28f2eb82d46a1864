/**
 * One complaint: its number, stage and both clocks; what the complainant wrote (never edited) with the
 * corrections and staff notes beside it; what the complainant added later; scans; the supervisor's steps
 * (administrative check, completeness, coordination, response, closing, the decision on a late complaint);
 * every stage with who and when; the letters.
 */
import { asyncHandler } from '../ui/async-handler';
import { useRef, useState, type ReactNode } from 'react';
import type { InputOf } from '../../../contract/api';
import type { ComplaintDetail } from '../../../contract/complaints';
import { CHANNEL_LABEL, CORRECTION_FIELDS } from '../../../domain/complaints/labels';
import { call } from '../api';
import { touches, useLive } from '../live';
import { useApp } from '../store';
import { issuesToErrors, type FieldErrors } from '../ui/Field';
import { fmtDateTime } from '../ui/format';
import { downloadDataUrl, type PickedFile } from './attachments';
import { ComplaintClockPanel, useReadAgainAtDeadline } from './clock';
import { LateFilingChip, StageChip } from './ComplaintDeskScreen';
import { AttachmentPicker } from './ComplaintFormScreen';
import { ComplaintLetters } from './ComplaintLetters';
import '../desks/desks.css';
import './complaints.css';

type Action = ComplaintDetail['actions'][number];
type StaffChannel = Exclude<InputOf<'complaints.addSupplement'>['channel'], 'web'>;

const EVENT_LABEL: Record<string, string> = {
  'complaint.completeness_decided': 'Keputusan kelengkapan',
  'complaint.responded': 'Tanggapan',
  'complaint.check_started': 'Cek administrasi',
  'complaint.coordination_started': 'Koordinasi',
  'complaint.closed': 'Penutupan',
  'complaint.late_filing_decided': 'Keputusan pengaduan terlambat',
  'complaint.supplement_received': 'Kelengkapan',
};

/** Runs a contract call for an action form: field errors beside the fields, a toast on success. */
function useAction(onDone: (d: ComplaintDetail) => void) {
  const toast = useApp((s) => s.toast);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const run = async (p: Promise<{ ok: true; value: ComplaintDetail } | { ok: false; error: { message: string; issues?: { path: string; message: string }[] } }>, success: string) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (!r.ok) {
      setErrors(issuesToErrors(r.error.issues));
      if (!r.error.issues?.length) toast('error', r.error.message);
      return false;
    }
    setErrors({});
    toast('success', success);
    onDone(r.value);
    return true;
  };
  return { errors, busy, run };
}

function ErrorText(props: { text?: string }) {
  return props.text ? (
    <div className="field-error" role="alert">
      {props.text}
    </div>
  ) : null;
}

function Row(props: { k: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.k}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export function ComplaintScreen(props: { params?: Record<string, string> }) {
  const go = useApp((s) => s.go);
  const id = props.params?.id ?? '';
  const visitIdRef = useRef<string | null>(null);
  // Read again when this complaint, the visit it is about, or the calendar changes (here, at another PC or
  // by sync), and at the counter-hour boundaries; the countdowns tick on screen in between.
  const data = useLive(() => call('complaints.get', { id }), [id], (n) => touches(n, { ids: [id, ...(visitIdRef.current ? [visitIdRef.current] : [])], types: ['calendar', 'user'], clock: true }));
  visitIdRef.current = data.data?.visit?.id ?? null;
  useReadAgainAtDeadline(data.data ? [data.data.row.completeness, data.data.row.response] : [], data.fetchedAt, data.reload);
  if (data.error && !data.data) return <div className="banner banner-error">{data.error.message}</div>;
  if (!data.data) return <p className="muted">Memuat pengaduan…</p>;
  const d = data.data;
  const r = d.row;
  const can = (a: Action) => d.actions.includes(a);
  return (
    <div data-testid="complaint-screen">
      <div className="breadcrumbs">
        <button type="button" className="link" onClick={() => go('complaints')}>
          ← Meja pengaduan
        </button>
      </div>
      <section className="card">
        <div className="complaint-head">
          <div>
            <h2>
              Pengaduan <span className="complaint-number" data-testid="complaint-number">{r.number}</span>
            </h2>
            <div className="muted small">
              Diterima {fmtDateTime(r.receivedAt)} melalui {CHANNEL_LABEL[r.channel]}
              {d.laporNo ? ` (SP4N-LAPOR! ${d.laporNo})` : ''} · dicatat {d.viaServer ? 'oleh server pusat (formulir daring)' : `oleh ${d.recordedByName ?? '—'}`}
            </div>
          </div>
          <div>
            <span data-testid="complaint-stage">
              <StageChip row={r} />
            </span>
            <LateFilingChip row={r} />
          </div>
        </div>
        {d.ignored.length > 0 && (
          <div className="banner banner-warn" role="status">
            Dicatat di komputer lain pada waktu yang sama dan tidak berlaku karena tahap sudah berubah:{' '}
            {d.ignored.map((i) => `${EVENT_LABEL[i.type] ?? i.type} oleh ${i.byName ?? 'petugas'} (${fmtDateTime(i.at)})`).join('; ')}.
          </div>
        )}
        <div className="complaint-clocks" style={{ marginTop: 10 }}>
          <ComplaintClockPanel
            title="Pemberitahuan kelengkapan"
            basis="3 hari kerja sejak diterima (Pasal 8 ayat (5))"
            clock={r.completeness}
            fetchedAt={data.fetchedAt}
            testId="clock-completeness"
            endedLabel="Diputuskan"
          />
          <ComplaintClockPanel
            title="Tanggapan"
            basis="6 hari kerja sejak diterima (Lampiran); berhenti selama menunggu kelengkapan"
            clock={r.response}
            fetchedAt={data.fetchedAt}
            testId="clock-response"
            endedLabel={d.response ? 'Ditanggapi' : 'Ditutup'}
          />
        </div>
      </section>

      <div className="complaint-grid">
        <div>
          <section className="card" data-testid="complaint-words">
            <div className="card-head">
              <h2>Isi pengaduan</h2>
              <span className="muted small">Sebagaimana disampaikan pengadu; tidak diubah.</span>
            </div>
            <dl className="kv">
              <Row k="Nama pengadu">{d.complainant.name}</Row>
              <Row k="Alamat">{d.complainant.address}</Row>
              <Row k="Kontak">{d.complainant.contact ?? '—'}</Row>
              <Row k="Layanan">
                {r.serviceName ?? '—'}
                {d.visit ? (
                  <div className="small">
                    Kunjungan {d.visit.receiptNo ?? ''} · {d.visit.visitorName}
                    {d.visit.companyName ? ` · ${d.visit.companyName}` : ''} · {d.visit.statusLabel}{' '}
                    <button type="button" className="link" onClick={() => go('visit', { id: d.visit!.id })}>
                      buka
                    </button>
                  </div>
                ) : (
                  r.receiptNo && <div className="small">Tanda terima ditulis pengadu: {r.receiptNo}</div>
                )}
              </Row>
              <Row k="Menerima layanan">
                {d.serviceAt !== null ? `${fmtDateTime(d.serviceAt)} (${d.daysSinceService} hari sebelum pengaduan)` : 'Tidak diketahui'}
              </Row>
              <Row k="Tempat">{d.place ?? '—'}</Row>
              <Row k="Ditandatangani">{d.signed ? 'Ya' : 'Tidak'}</Row>
            </dl>
            <h3 className="small muted" style={{ marginBottom: 0 }}>
              Uraian pelayanan yang tidak sesuai standar
            </h3>
            <div className="complaint-words" data-testid="complaint-text">
              {d.text}
            </div>
            {d.loss && (
              <>
                <h3 className="small muted" style={{ marginBottom: 0 }}>
                  Kerugian materiil/immateriil
                </h3>
                <div className="complaint-words">{d.loss}</div>
              </>
            )}
            <h3 className="small muted" style={{ marginBottom: 0 }}>
              Permintaan penyelesaian
            </h3>
            <div className="complaint-words">{d.request}</div>
            {r.lateFiling && (
              <div className="banner banner-warn" data-testid="late-filing">
                Diterima {d.daysSinceService} hari setelah layanan: melewati batas waktu pengaduan 30 hari (Pasal 8 ayat (3)). Tetap dicatat;{' '}
                {d.lateFilingDecision
                  ? `supervisor memutuskan ${d.lateFilingDecision.accept ? 'untuk tetap memproses' : 'untuk tidak memproses'}: ${d.lateFilingDecision.reason} (${d.lateFilingDecision.byName ?? '—'}, ${fmtDateTime(d.lateFilingDecision.at)}).`
                  : 'supervisor memutuskan tindak lanjutnya.'}
              </div>
            )}
          </section>

          <NotesCard d={d} onChanged={data.set} />
          <SupplementsCard d={d} onChanged={data.set} can={can('addSupplement')} />
          <AttachmentsCard d={d} onChanged={data.set} can={can('addAttachment')} />
        </div>
        <div>
          <ActionsCard d={d} onChanged={data.set} />
          <section className="card" data-testid="complaint-history">
            <h2>Tahapan</h2>
            <ol className="stage-steps">
              {d.history.map((h, i) => (
                <li key={i}>
                  <span className="when">{fmtDateTime(h.at)}</span>
                  <span>
                    <strong>{h.stageLabel}</strong> · {h.byName ?? (i === 0 && d.viaServer ? 'formulir daring' : '—')}
                    {h.note && <div className="small">{h.note}</div>}
                  </span>
                </li>
              ))}
            </ol>
            {d.response && (
              <>
                <h3 className="small muted" style={{ marginBottom: 0, marginTop: 10 }}>
                  Tanggapan
                </h3>
                <div className="complaint-words" data-testid="complaint-response">
                  {d.response.text}
                </div>
              </>
            )}
          </section>
          <ComplaintLetters id={r.id} available={d.letters} />
        </div>
      </div>
    </div>
  );
}

function NotesCard(props: { d: ComplaintDetail; onChanged: (d: ComplaintDetail) => void }) {
  const { d } = props;
  const [kind, setKind] = useState<'note' | 'correction'>('note');
  const [field, setField] = useState('address');
  const [text, setText] = useState('');
  const a = useAction(props.onChanged);
  return (
    <section className="card" data-testid="complaint-notes">
      <div className="card-head">
        <h2>Koreksi dan catatan petugas</h2>
        <span className="muted small">Ditambahkan di samping isi pengaduan, tidak menggantinya.</span>
      </div>
      {d.notes.length === 0 ? (
        <p className="muted small">Belum ada catatan.</p>
      ) : (
        <ul className="notes">
          {d.notes.map((n, i) => (
            <li key={i}>
              <strong>{n.kind === 'correction' ? `Koreksi${n.fieldLabel ? `: ${n.fieldLabel}` : ''}` : 'Catatan'}</strong> — {n.text}
              <div className="muted small">
                {n.byName ?? '—'} · {fmtDateTime(n.at)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {d.actions.includes('addNote') && (
        <form
          onSubmit={asyncHandler(async (e) => {
            e.preventDefault();
            if (await a.run(call('complaints.addNote', { id: d.row.id, kind, field: kind === 'correction' ? field : null, text }), 'Catatan ditambahkan.')) setText('');
          })}
        >
          <div className="grid2">
            <div className="field">
              <label htmlFor="note-kind">Jenis</label>
              <select id="note-kind" value={kind} onChange={(e) => setKind(e.target.value as 'note' | 'correction')}>
                <option value="note">Catatan petugas</option>
                <option value="correction">Koreksi data yang tercatat</option>
              </select>
            </div>
            {kind === 'correction' && (
              <div className="field">
                <label htmlFor="note-field">Mengenai</label>
                <select id="note-field" value={field} onChange={(e) => setField(e.target.value)}>
                  {Object.entries(CORRECTION_FIELDS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <div className="field">
            <label htmlFor="note-text">Isi</label>
            <textarea id="note-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
            <ErrorText text={a.errors.text} />
          </div>
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={a.busy}>
              Tambah catatan
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SupplementsCard(props: { d: ComplaintDetail; onChanged: (d: ComplaintDetail) => void; can: boolean }) {
  const { d } = props;
  const [channel, setChannel] = useState<StaffChannel>('loket');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const a = useAction(props.onChanged);
  const waiting = d.row.stage === 'waiting_completeness';
  // Open while the complaint waits for it; otherwise one click away (a complainant may add things any time).
  const [open, setOpen] = useState(false);
  if (d.supplements.length === 0 && !props.can) return null;
  return (
    <section className="card" data-testid="complaint-supplements">
      <div className="card-head">
        <h2>Kelengkapan dari pengadu</h2>
        {waiting && <span className="chip chip-stage-waiting_completeness">Menunggu kelengkapan</span>}
      </div>
      {waiting && d.completeness?.missing && (
        <p className="small">
          Yang harus dilengkapi: <strong>{d.completeness.missing}</strong>
        </p>
      )}
      {d.supplements.length > 0 && (
        <ul className="notes">
          {d.supplements.map((s, i) => (
            <li key={i}>
              <div className="suggestion-text">{s.text}</div>
              <div className="muted small">
                {s.channelLabel} · {s.byName ?? 'formulir daring'} · {fmtDateTime(s.at)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {props.can && !waiting && !open && (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Catat tambahan dari pengadu
        </button>
      )}
      {props.can && (waiting || open) && (
        <form
          onSubmit={asyncHandler(async (e) => {
            e.preventDefault();
            const ok = await a.run(
              call('complaints.addSupplement', { id: d.row.id, channel, text, attachments: files.map((f) => ({ fileName: f.fileName, dataUrl: f.dataUrl, note: '' })) }),
              waiting ? 'Kelengkapan dicatat; jangka waktu tanggapan berjalan kembali.' : 'Tambahan dari pengadu dicatat.',
            );
            if (ok) {
              setText('');
              setFiles([]);
              setOpen(false);
            }
          })}
        >
          <div className="grid2">
            <div className="field">
              <label htmlFor="supplement-channel">Disampaikan melalui</label>
              <select id="supplement-channel" value={channel} onChange={(e) => setChannel(e.target.value as StaffChannel)}>
                {(['loket', 'kotak', 'email', 'telepon', 'lapor'] as const).map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABEL[c]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor="supplement-text">Yang disampaikan pengadu (sebagaimana ditulis)</label>
            <textarea id="supplement-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="supplement-text" />
            <ErrorText text={a.errors.text} />
          </div>
          <AttachmentPicker files={files} onChange={setFiles} id="supplement-files" />
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={a.busy} data-testid="supplement-save">
              Catat {waiting ? 'kelengkapan' : 'tambahan'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function AttachmentsCard(props: { d: ComplaintDetail; onChanged: (d: ComplaintDetail) => void; can: boolean }) {
  const { d } = props;
  const toast = useApp((s) => s.toast);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  async function upload() {
    setBusy(true);
    let last: ComplaintDetail | null = null;
    for (const f of files) {
      const r = await call('complaints.addAttachment', { id: d.row.id, fileName: f.fileName, dataUrl: f.dataUrl, note: '' });
      if (!r.ok) {
        toast('error', r.error.issues?.[0]?.message ?? r.error.message);
        break;
      }
      last = r.value;
    }
    setBusy(false);
    setFiles([]);
    if (last) props.onChanged(last);
  }
  async function open(attachmentId: string) {
    const r = await call('complaints.attachment', { id: d.row.id, attachmentId });
    if (r.ok) downloadDataUrl(r.value.dataUrl, r.value.fileName);
    else toast('error', r.error.message);
  }
  return (
    <section className="card" data-testid="complaint-attachments">
      <h2>Lampiran</h2>
      {d.attachments.length === 0 ? (
        <p className="muted small">Belum ada lampiran.</p>
      ) : (
        <ul className="notes">
          {d.attachments.map((x) => (
            <li key={x.id}>
              <button type="button" className="link" onClick={() => void open(x.id)}>
                {x.fileName}
              </button>{' '}
              <span className="muted small">
                ({Math.round(x.bytes / 1024)} KB) · {x.byName ?? '—'} · {fmtDateTime(x.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.can && (
        <>
          <AttachmentPicker files={files} onChange={setFiles} id="attachment-files" />
          {files.length > 0 && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void upload()}>
              Unggah {files.length} lampiran
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ActionsCard(props: { d: ComplaintDetail; onChanged: (d: ComplaintDetail) => void }) {
  const { d } = props;
  const id = d.row.id;
  const can = (x: Action) => d.actions.includes(x);
  const a = useAction(props.onChanged);
  const [complete, setComplete] = useState<boolean | null>(null);
  const [missing, setMissing] = useState('');
  const [decisionNote, setDecisionNote] = useState('');
  const [scope, setScope] = useState<'internal' | 'external'>('internal');
  const [coordNote, setCoordNote] = useState('');
  const [response, setResponse] = useState('');
  const [closeNote, setCloseNote] = useState('');
  const [accept, setAccept] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const supervisorActions: Action[] = ['startCheck', 'decideCompleteness', 'startCoordination', 'respond', 'close', 'decideLateFiling'];
  if (!supervisorActions.some(can)) return null;
  return (
    <section className="card" data-testid="complaint-actions">
      <h2>Tindak lanjut</h2>
      <div className="action-forms">
        {can('decideLateFiling') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (accept === null) return;
              void a.run(call('complaints.decideLateFiling', { id, accept, reason }), 'Keputusan dicatat.');
            }}
          >
            <h3>Pengaduan melewati batas waktu 30 hari</h3>
            <div className="radio-row" role="radiogroup" aria-label="Keputusan">
              <label>
                <input type="radio" name="late" checked={accept === true} onChange={() => setAccept(true)} /> Tetap diproses
              </label>
              <label>
                <input type="radio" name="late" checked={accept === false} onChange={() => setAccept(false)} /> Tidak diproses
              </label>
            </div>
            <div className="field">
              <label htmlFor="late-reason">Alasan</label>
              <input id="late-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              <ErrorText text={a.errors.reason} />
            </div>
            <button type="submit" className="secondary" disabled={a.busy || accept === null}>
              Catat keputusan
            </button>
          </form>
        )}
        {can('startCheck') && (
          <div>
            <button type="button" className="secondary" disabled={a.busy} data-testid="action-start-check" onClick={() => void a.run(call('complaints.startCheck', { id }), 'Cek administrasi dimulai.')}>
              Mulai cek administrasi
            </button>
          </div>
        )}
        {can('decideCompleteness') && (
          <form
            data-testid="form-completeness"
            onSubmit={(e) => {
              e.preventDefault();
              if (complete === null) return;
              void a.run(call('complaints.decideCompleteness', { id, complete, missing, note: decisionNote }), complete ? 'Pengaduan dinyatakan lengkap.' : 'Pengaduan dinyatakan tidak lengkap; jangka waktu tanggapan dijeda.');
            }}
          >
            <h3>Kelengkapan pengaduan (Pasal 8 ayat (4) dan (5))</h3>
            <div className="radio-row" role="radiogroup" aria-label="Kelengkapan">
              <label>
                <input type="radio" name="complete" checked={complete === true} onChange={() => setComplete(true)} data-testid="completeness-complete" /> Lengkap
              </label>
              <label>
                <input type="radio" name="complete" checked={complete === false} onChange={() => setComplete(false)} data-testid="completeness-incomplete" /> Tidak lengkap
              </label>
            </div>
            {complete === false && (
              <div className="field">
                <label htmlFor="completeness-missing">Yang harus dilengkapi pengadu</label>
                <textarea id="completeness-missing" rows={2} value={missing} onChange={(e) => setMissing(e.target.value)} />
                <ErrorText text={a.errors.missing} />
              </div>
            )}
            <div className="field">
              <label htmlFor="completeness-note">Catatan (dicetak pada pemberitahuan)</label>
              <input id="completeness-note" value={decisionNote} onChange={(e) => setDecisionNote(e.target.value)} />
            </div>
            <button type="submit" className="secondary" disabled={a.busy || complete === null} data-testid="completeness-save">
              Simpan keputusan kelengkapan
            </button>
          </form>
        )}
        {can('startCoordination') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void a.run(call('complaints.startCoordination', { id, scope, note: coordNote }), 'Koordinasi dicatat.');
            }}
          >
            <h3>Koordinasi</h3>
            <div className="grid2">
              <div className="field">
                <label htmlFor="coord-scope">Jenis</label>
                <select id="coord-scope" value={scope} onChange={(e) => setScope(e.target.value as 'internal' | 'external')}>
                  <option value="internal">Koordinasi internal</option>
                  <option value="external">Koordinasi eksternal</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="coord-note">Dengan siapa / catatan</label>
                <input id="coord-note" value={coordNote} onChange={(e) => setCoordNote(e.target.value)} />
              </div>
            </div>
            <button type="submit" className="secondary" disabled={a.busy}>
              Catat koordinasi
            </button>
          </form>
        )}
        {can('respond') && (
          <form
            data-testid="form-respond"
            onSubmit={(e) => {
              e.preventDefault();
              void a.run(call('complaints.respond', { id, text: response }), 'Tanggapan dicatat. Cetak surat tanggapan untuk pengadu.');
            }}
          >
            <h3>Tanggapan (dicetak pada surat tanggapan)</h3>
            <div className="field">
              <label htmlFor="response-text">Isi tanggapan</label>
              <textarea id="response-text" rows={4} value={response} onChange={(e) => setResponse(e.target.value)} />
              <ErrorText text={a.errors.text} />
            </div>
            <button type="submit" className="primary" disabled={a.busy} data-testid="respond-save">
              Simpan tanggapan
            </button>
          </form>
        )}
        {can('close') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void a.run(call('complaints.close', { id, note: closeNote }), 'Pengaduan ditutup.');
            }}
          >
            <h3>Selesai</h3>
            <div className="field">
              <label htmlFor="close-note">{d.response ? 'Catatan penutupan' : 'Alasan menutup tanpa tanggapan'}</label>
              <input id="close-note" value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
              <ErrorText text={a.errors.note} />
            </div>
            <button type="submit" className="secondary" disabled={a.busy} data-testid="close-save">
              Tutup pengaduan
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
