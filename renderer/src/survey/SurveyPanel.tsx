/**
 * On the visit screen: the visit's satisfaction survey — whether its code is on this PC, used, or elsewhere —
 * and "Isi survei di kios" to put it on the kiosk facing the visitor (Alt+S), once the visitor was served.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { surveyTokenAggregateId } from '../../../domain/survey/events';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import type { VisitPanelProps } from '../checklist/extensions';
import { useLive } from '../live';
import { useApp } from '../store';
import { fmtTime } from '../ui/format';
import { KIOSK_NOTICE_TYPE, startKioskFor, useKiosk } from './kiosk-control';
import './survey.css';
import { asyncHandler } from '../ui/async-handler';

type Status = OutputOf<'survey.visitStatus'>;

export function SurveyPanel({ detail }: VisitPanelProps) {
  const visitId = detail.visit.id;
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const kiosk = useKiosk((s) => s.status);

  // Live (ADR 0008): read again when the visit's code is issued (a receipt printed above), its response
  // arrives by sync, the kiosk's state changes (a survey taken, cancelled or refused there), or midnight
  // passes (a code expires); never on a timer.
  const live = useLive(() => call('survey.visitStatus', { visitId }), [visitId], {
    ids: [visitId, surveyTokenAggregateId(visitId)],
    types: ['survey_response', KIOSK_NOTICE_TYPE],
    clock: true,
  });
  const status: Status | null = live.data;
  const load = live.reload;
  useEffect(() => {
    if (live.data) useKiosk.getState().set(live.data.kiosk);
  }, [live.data]);

  const start = useCallback(async () => {
    setBusy(true);
    const r = await startKioskFor(visitId).catch((): { ok: false; message: string } => ({ ok: false, message: 'Kios survei tidak dapat dibuka. Silakan coba lagi.' }));
    setBusy(false);
    if (r.ok) toast('success', 'Survei dibuka di kios. Persilakan pemohon mengisi di layar kios.');
    else toast('error', r.message);
    await load();
  }, [visitId, toast, load]);

  const can = status && (status.state === 'here' || status.state === 'not_issued');

  // Alt+S always answers. The state on screen may be older than the officer's last action (Alt+S at once
  // after the handover, before this panel has read the visit again; or before it has read it at all): then
  // it is read now, and the survey is opened, or the officer is told why it cannot be.
  const pressed = useRef(false);
  const onAltS = async () => {
    if (busy || pressed.current) return; // already opening: the button says so
    if (can) return start();
    pressed.current = true;
    try {
      const r = await call('survey.visitStatus', { visitId });
      if (!r.ok) return toast('error', r.error.message);
      live.set(r.value);
      if (r.value.state === 'here' || r.value.state === 'not_issued') await start();
      else toast('error', r.value.message);
    } finally {
      pressed.current = false;
    }
  };
  const onAltSRef = useRef(onAltS);
  onAltSRef.current = onAltS;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        if (!e.repeat) void onAltSRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!status || status.state === 'not_eligible') return null;
  const mine = kiosk?.busy?.visitId === visitId;

  return (
    <section className="card survey-panel" data-testid="survey-panel">
      <div className="card-head">
        <h2>Survei Kepuasan Masyarakat</h2>
        <span className="muted small">Tanpa nama; jawaban tidak dapat dikaitkan dengan pemohon.</span>
      </div>
      <p className={`survey-state ${status.state}`} data-testid="survey-state">
        {status.message}
      </p>
      {mine && (
        <p className="small" data-testid="survey-on-kiosk">
          Sedang diisi di kios sejak pukul {fmtTime(kiosk.busy!.startedAt)}.{' '}
          <button
            type="button"
            className="link"
            onClick={asyncHandler(async () => {
              const r = await call('survey.kioskCancel', {});
              if (r.ok) useKiosk.getState().set(r.value);
            })}
          >
            Batalkan
          </button>
        </p>
      )}
      {can && !mine && (
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void start()} data-testid="survey-start-kiosk">
            {busy ? 'Membuka…' : 'Isi survei di kios'}
          </button>
          <span className="muted small">
            <kbd>Alt+S</kbd> · layar kios menghadap pemohon{kiosk?.open ? (kiosk.connected ? '' : ' (kios belum tersambung)') : ' (kios dibuka otomatis)'}
          </span>
        </div>
      )}
    </section>
  );
}
