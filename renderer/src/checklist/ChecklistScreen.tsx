import { unitPhrase } from '../../../domain/catalogue/units';
import { useState } from 'react';
import type { ChecklistItemView, InputOf } from '../../../contract/api';
import { MISSING_REASON_LABEL } from '../../../domain/checklist';
import { call } from '../api';
import { useAction, useInOrder, useLive } from '../live';
import { hasRole, useApp } from '../store';
import { StatusChip } from '../guestbook/VisitTable';
import { focusWhenPresent, useStartFocus } from '../ui/focus';
import { fmtDateTime, fmtTime } from '../ui/format';
import { Timeline } from '../ui/Timeline';
import { VISIT_PANELS } from './extensions';
import { ItemRow } from './ItemRow';
import { asyncHandler } from '../ui/async-handler';
import { afterLabel } from '../../../domain/sentence';
import { ServiceProcedure } from '../standard/ServiceProcedure';

type Mark = Omit<InputOf<'visits.markItem'>, 'visitId' | 'itemCode'>;

/**
 * The visit screen: who came, for which service, the checklist, the file's fate (return, handover), and the
 * panels other features add (service clock, printing). Built for a fast officer at the keyboard: a tick is
 * saved in the background while the controls stay as they are (mounted, enabled, focused); ticks made while
 * an earlier one is still saving are queued and saved in order, each once. The screen follows the change
 * notices of this visit (another window, a sync page).
 */
export function ChecklistScreen(props: { params?: Record<string, string> }) {
  const visitId = props.params?.id ?? '';
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const action = useAction();
  const canEdit = hasRole(session, 'helpdesk', 'supervisor');
  const live = useLive(() => call('visits.get', { visitId }), [visitId], { ids: [visitId], clock: true });

  // Marks typed but not yet answered by the backend, by item: shown at once, saved one after the other.
  const [pending, setPending] = useState<ReadonlyMap<string, Mark>>(new Map());
  const marks = useInOrder();

  function mark(code: string, m: Mark) {
    setPending((p) => new Map(p).set(code, m));
    void marks.run(async (last) => {
      const r = await call('visits.markItem', { visitId, itemCode: code, ...m });
      if (!r.ok) toast('error', r.error.issues?.[0]?.message ?? r.error.message);
      // The last answer of the queue holds every mark before it (saved in order): show it.
      if (!last()) return;
      if (r.ok) live.set(r.value);
      else await live.reload();
      // A tick typed during that reload stays shown: its own answer clears it.
      if (last()) setPending(new Map());
    });
  }

  async function act<M extends 'visits.returnIncomplete' | 'visits.resume' | 'visits.handOver' | 'visits.close'>(method: M, input: InputOf<M>, success: string, thenFocus: string) {
    return action.run(async () => {
      await marks.idle(); // the ticks typed before come first
      const r = await call(method, input);
      if (r.ok) {
        live.set(r.value);
        toast('success', success);
        // The button pressed is gone with the state it belonged to: the work goes on there.
        focusWhenPresent(thenFocus);
        return true;
      }
      toast('error', r.error.issues?.[0]?.message ?? r.error.message);
      return false;
    });
  }

  const detail = live.data;
  const firstOpen = detail?.checklist.find((c) => c.verdict !== 'ok');
  useStartFocus(() => {
    if (!detail) return null;
    const s = detail.visit.status;
    if (s === 'returned') return document.querySelector<HTMLElement>('[data-testid="resume"]');
    if (s === 'handed_over' || !canEdit || (s !== 'registered' && s !== 'checking')) return document.querySelector<HTMLElement>('button[data-testid^="print-"]') ?? document.getElementById('visit-title');
    if (firstOpen) return document.querySelector<HTMLElement>(`[data-testid="item-${firstOpen.code}"] input, [data-testid="item-${firstOpen.code}"] button`);
    return document.querySelector<HTMLElement>('[data-testid="hand-over"]');
  }, !!detail);

  if (live.error && !detail) return <div className="banner banner-error">{live.error.message}</div>;
  if (!detail) return <p className="muted">Memuat…</p>;
  const { visit, person, vendor, service, checklist, summary } = detail;
  const editable = canEdit && (visit.status === 'registered' || visit.status === 'checking');
  const handler = unitPhrase(service?.handlerRole ?? null, service?.handlerName);
  const missing = checklist.filter((c) => c.verdict !== 'ok');
  const shown = (item: ChecklistItemView): ChecklistItemView => {
    const p = pending.get(item.code);
    return p ? { ...item, mark: { ...p, noExpiry: p.noExpiry ?? false, note: p.note ?? null, at: item.mark?.at ?? 0, by: item.mark?.by ?? null } } : item;
  };
  const waiting = pending.size > 0;

  return (
    <div className="visit-screen" data-testid="visit-screen">
      <div className="breadcrumbs">
        <button type="button" className="link" onClick={() => go('guestbook')}>
          ← Buku Tamu
        </button>
      </div>
      <section className="card visit-head">
        <div>
          <h2 id="visit-title" tabIndex={-1}>
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
          <StatusChip status={visit.status} handedOverTo={visit.handedOverTo} discretion={visit.discretion} />
          {service ? (
            <div className="service-box">
              <div className="service-name">
                {service.number}. {service.name}
              </div>
              <div className="muted small">
                Jangka waktu {afterLabel('Jangka waktu', service.timeLimitText)} · Katalog versi {service.catalogueVersion}
              </div>
            </div>
          ) : (
            <div className="service-box">Keperluan lainnya: {visit.purposeNote}</div>
          )}
        </div>
      </section>

      <p className="muted small" data-testid="privacy-notice-record">
        {detail.privacyNoticeAt !== null
          ? `Pemberitahuan pelindungan data pribadi disampaikan kepada pemohon pada ${fmtDateTime(detail.privacyNoticeAt)}.`
          : 'Penyampaian pemberitahuan pelindungan data pribadi tidak tercatat untuk kunjungan ini (dicatat sebelum fitur ini tersedia).'}
      </p>
      {visit.status === 'returned' && (
        <div className="banner banner-warn" data-testid="returned-banner">
          <div>
            Berkas dikembalikan {detail.returns.length > 0 && fmtDateTime(detail.returns[detail.returns.length - 1]!.at)}. Kekurangan:{' '}
            {detail.returns[detail.returns.length - 1]?.missing.map((m) => m.label).join(', ')}.
          </div>
          {canEdit && (
            <button type="button" className="primary" aria-disabled={action.busy} onClick={() => void act('visits.resume', { visitId }, 'Pemeriksaan dilanjutkan.', '.items input, .items button')} data-testid="resume">
              Lanjutkan pemeriksaan
            </button>
          )}
        </div>
      )}
      {visit.status === 'handed_over' && (
        <div className="banner banner-ok" data-testid="handed-over-banner">
          Berkas lengkap dan telah diserahkan ke {unitPhrase(visit.handedOverTo, visit.handedOverToName)} pada {visit.handedOverAt ? fmtTime(visit.handedOverAt) : ''}. Nomor
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
            <span className={`progress ${summary.complete ? 'progress-ok' : ''}`} data-testid="checklist-progress" aria-live="polite">
              {summary.satisfied} dari {summary.total} persyaratan terpenuhi
            </span>
          </div>
          <ol className="items" aria-busy={waiting}>
            {checklist.map((item, i) => (
              <ItemRow key={item.code} item={shown(item)} index={i} editable={editable} onMark={mark} />
            ))}
          </ol>
          {editable && (
            <div className="form-actions sticky-actions">
              <button
                type="button"
                className="secondary"
                aria-disabled={action.busy || summary.complete}
                onClick={() => !action.busy && !summary.complete && setReturning(true)}
                data-testid="return-file"
              >
                Kembalikan berkas (tidak lengkap)
              </button>
              <button
                type="button"
                className="primary"
                aria-disabled={action.busy || (!waiting && !summary.complete)}
                onClick={() => {
                  // While ticks are still being saved the summary on screen is older than what was typed (the
                  // last tick and at once Enter here, as a fast officer does): the handover waits for them
                  // (act) and the backend, which has them, decides; when something is still missing it names it.
                  if (summary.complete || waiting) void act('visits.handOver', { visitId }, `Berkas diserahkan ke ${handler}.`, '[data-testid="print-receipt"]');
                }}
                data-testid="hand-over"
                title={summary.complete ? '' : 'Semua persyaratan harus terpenuhi sebelum berkas diserahkan.'}
              >
                Serahkan ke {handler}
              </button>
            </div>
          )}
        </section>
      )}
      {service && <ServiceProcedure service={service} />}

      {!service && canEdit && visit.status !== 'closed' && (
        <section className="card">
          <Field2 label="Catatan penyelesaian" value={note} onChange={setNote} />
          <div className="form-actions">
            <button type="button" className="primary" aria-disabled={action.busy} onClick={() => void act('visits.close', { visitId, note }, 'Kunjungan selesai.', '#visit-title')}>
              Selesaikan kunjungan
            </button>
          </div>
        </section>
      )}

      {returning && (
        <div
          className="modal-backdrop"
          role="dialog"
          aria-modal="true"
          aria-labelledby="return-title"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setReturning(false);
              document.querySelector<HTMLElement>('[data-testid="return-file"]')?.focus();
            }
          }}
        >
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
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setReturning(false);
                  document.querySelector<HTMLElement>('[data-testid="return-file"]')?.focus();
                }}
              >
                Batal
              </button>
              <button
                type="button"
                className="primary"
                aria-disabled={action.busy}
                data-testid="confirm-return"
                onClick={asyncHandler(async () => {
                  if (await act('visits.returnIncomplete', { visitId, note }, 'Berkas dikembalikan kepada pemohon.', '[data-testid="print-return_slip"]')) {
                    setReturning(false);
                    setNote('');
                  }
                })}
              >
                Kembalikan berkas
              </button>
            </div>
          </div>
        </div>
      )}

      {VISIT_PANELS.map((P) => (
        <P.component key={P.id} detail={detail} reload={live.reload} />
      ))}

      <Timeline entries={detail.timeline} />
    </div>
  );
}

function Field2(props: { label: string; value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  return (
    <div className="field">
      <label>
        {props.label}
        <textarea rows={2} value={props.value} onChange={(e) => props.onChange(e.target.value)} autoFocus={props.autoFocus} />
      </label>
    </div>
  );
}
