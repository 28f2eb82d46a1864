import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, VisitDetail } from '../../../contract/api';
import { MISSING_REASON_LABEL } from '../../../domain/checklist';
import { call } from '../api';
import { hasRole, useApp } from '../store';
import { StatusChip } from '../guestbook/VisitTable';
import { fmtDateTime, fmtTime } from '../ui/format';
import { VISIT_PANELS } from './extensions';
import { ItemRow } from './ItemRow';
import { Timeline } from '../ui/Timeline';

export function ChecklistScreen(props: { params?: Record<string, string> }) {
  const visitId = props.params?.id ?? '';
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const [detail, setDetail] = useState<VisitDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const canEdit = hasRole(session, 'helpdesk', 'supervisor');

  // Every request that answers with the visit takes a number; an answer older than the newest request
  // (a background refresh overtaken by a click) is dropped.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++latest.current;
    const r = await call('visits.get', { visitId });
    if (mine !== latest.current) return;
    if (r.ok) setDetail(r.value);
    else setError(r.error.message);
  }, [visitId]);

  useEffect(() => {
    void reload();
    // Another window or a sync page may change this visit: refresh while it is on screen.
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, 15_000);
    return () => clearInterval(t);
  }, [reload]);

  async function act<M extends 'visits.markItem' | 'visits.returnIncomplete' | 'visits.resume' | 'visits.handOver' | 'visits.close' | 'visits.startChecklist'>(
    method: M,
    input: InputOf<M>,
    success?: string,
  ) {
    setBusy(true);
    const mine = ++latest.current;
    const r = await call(method, input);
    setBusy(false);
    if (r.ok) {
      if (mine === latest.current) setDetail(r.value as VisitDetail);
      if (success) toast('success', success);
      return true;
    }
    toast('error', r.error.issues?.[0]?.message ?? r.error.message);
    return false;
  }

  if (error) return <div className="banner banner-error">{error}</div>;
  if (!detail) return <p className="muted">Memuat…</p>;
  const { visit, person, vendor, service, checklist, summary } = detail;
  const editable = canEdit && (visit.status === 'registered' || visit.status === 'checking');
  const handler = service?.handlerRole === 'sysadmin' ? 'admin sistem' : 'verifikator';
  const missing = checklist.filter((c) => c.verdict !== 'ok');

  return (
    <div className="visit-screen" data-testid="visit-screen">
      <div className="breadcrumbs">
        <button type="button" className="link" onClick={() => go('guestbook')}>
          ← Buku Tamu
        </button>
      </div>
      <section className="card visit-head">
        <div>
          <h2>
            {visit.visitorName} <span className="muted">{visit.visitorRole === 'proxy' ? '(kuasa)' : '(pimpinan perusahaan)'}</span>
          </h2>
          <p>
            {vendor ? (
              <>
                <strong>{vendor.name}</strong> · NPWP {vendor.npwpFormatted ?? '—'}
              </>
            ) : (
              'Tidak mewakili perusahaan'
            )}
          </p>
          <p className="muted small">
            NIK {person.nik ?? '—'} · HP {person.phone ?? '—'} · Datang {fmtDateTime(visit.arrivedAt)}
          </p>
        </div>
        <div className="visit-head-right">
          <StatusChip status={visit.status} discretion={visit.discretion} />
          {service ? (
            <div className="service-box">
              <div className="service-name">
                {service.number}. {service.name}
              </div>
              <div className="muted small">
                Jangka waktu {service.timeLimitText} · Katalog versi {service.catalogueVersion}
              </div>
            </div>
          ) : (
            <div className="service-box">Keperluan lainnya: {visit.purposeNote}</div>
          )}
        </div>
      </section>

      {visit.status === 'returned' && (
        <div className="banner banner-warn" data-testid="returned-banner">
          <div>
            Berkas dikembalikan {detail.returns.length > 0 && fmtDateTime(detail.returns[detail.returns.length - 1]!.at)}. Kekurangan:{' '}
            {detail.returns[detail.returns.length - 1]?.missing.map((m) => m.label).join(', ')}.
          </div>
          {canEdit && (
            <button type="button" className="primary" disabled={busy} onClick={() => act('visits.resume', { visitId }, 'Pemeriksaan dilanjutkan.')} data-testid="resume">
              Lanjutkan pemeriksaan
            </button>
          )}
        </div>
      )}
      {visit.status === 'handed_over' && (
        <div className="banner banner-ok" data-testid="handed-over-banner">
          Berkas lengkap dan telah diserahkan ke {visit.handedOverTo === 'sysadmin' ? 'admin sistem' : 'verifikator'} pada {visit.handedOverAt ? fmtTime(visit.handedOverAt) : ''}. Nomor
          tanda terima: <strong data-testid="receipt-no">{visit.receiptNo}</strong>
        </div>
      )}
      {detail.receiptConflicts.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="receipt-conflict">
          Berkas ini diserahkan lebih dari sekali saat komputer tidak tersambung. Tanda terima yang juga telah diberikan:{' '}
          {detail.receiptConflicts.map((c) => `${c.receiptNo} (${fmtTime(c.at)}${c.byName ? `, ${c.byName}` : ''})`).join('; ')}. Semua nomor tetap sah; yang
          berlaku untuk penanganan adalah {visit.receiptNo}.
        </div>
      )}

      {service && (
        <section className="card">
          <div className="card-head">
            <h2>Daftar Periksa Persyaratan</h2>
            <span className={`progress ${summary.complete ? 'progress-ok' : ''}`} data-testid="checklist-progress">
              {summary.satisfied} dari {summary.total} persyaratan terpenuhi
            </span>
          </div>
          <ol className="items">
            {checklist.map((item, i) => (
              <ItemRow key={item.code} item={item} index={i} editable={editable && !busy} onMark={(code, mark) => void act('visits.markItem', { visitId, itemCode: code, ...mark })} />
            ))}
          </ol>
          {editable && (
            <div className="form-actions sticky-actions">
              <button type="button" className="secondary" disabled={busy || summary.complete} onClick={() => setReturning(true)} data-testid="return-file">
                Kembalikan berkas (tidak lengkap)
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy || !summary.complete}
                onClick={() => act('visits.handOver', { visitId }, `Berkas diserahkan ke ${handler}.`)}
                data-testid="hand-over"
                title={summary.complete ? '' : 'Semua persyaratan harus terpenuhi sebelum berkas diserahkan.'}
              >
                Serahkan ke {handler}
              </button>
            </div>
          )}
        </section>
      )}

      {!service && canEdit && visit.status !== 'closed' && (
        <section className="card">
          <Field2 label="Catatan penyelesaian" value={note} onChange={setNote} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => act('visits.close', { visitId, note }, 'Kunjungan selesai.')}>
              Selesaikan kunjungan
            </button>
          </div>
        </section>
      )}

      {returning && (
        <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="return-title">
          <div className="modal">
            <h2 id="return-title">Kembalikan berkas</h2>
            <p>Persyaratan berikut belum terpenuhi dan akan dicatat sebagai kekurangan berkas:</p>
            <ul className="missing-list" data-testid="missing-list">
              {missing.map((m) => (
                <li key={m.code}>
                  <strong>{m.label}</strong> — {MISSING_REASON_LABEL[m.verdict as keyof typeof MISSING_REASON_LABEL]}
                </li>
              ))}
            </ul>
            <Field2 label="Catatan untuk pemohon (opsional)" value={note} onChange={setNote} autoFocus />
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => setReturning(false)}>
                Batal
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-testid="confirm-return"
                onClick={async () => {
                  if (await act('visits.returnIncomplete', { visitId, note }, 'Berkas dikembalikan kepada pemohon.')) {
                    setReturning(false);
                    setNote('');
                  }
                }}
              >
                Kembalikan berkas
              </button>
            </div>
          </div>
        </div>
      )}

      {VISIT_PANELS.map((P) => (
        <P.component key={P.id} detail={detail} reload={reload} />
      ))}

      <Timeline entries={detail.timeline} />
    </div>
  );
}

function Field2(props: { label: string; value: string; onChange(v: string): void; autoFocus?: boolean }) {
  return (
    <div className="field">
      <label>
        {props.label}
        <textarea rows={2} value={props.value} onChange={(e) => props.onChange(e.target.value)} autoFocus={props.autoFocus} />
      </label>
    </div>
  );
}
