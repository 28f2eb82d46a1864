/**
 * On the visit screen: the visit's satisfaction survey — whether its code is on this PC, used, or elsewhere —
 * and "Isi survei di kios" to put it on the kiosk facing the visitor (Alt+S), once the visitor was served.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import type { VisitPanelProps } from '../checklist/extensions';
import { useApp } from '../store';
import { fmtTime } from '../ui/format';
import { startKioskFor, useKiosk } from './kiosk-control';
import './survey.css';
import { asyncHandler } from '../ui/async-handler';

type Status = OutputOf<'survey.visitStatus'>;

export function SurveyPanel({ detail }: VisitPanelProps) {
  const visitId = detail.visit.id;
  const toast = useApp((s) => s.toast);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const kiosk = useKiosk((s) => s.status);

  const load = useCallback(async () => {
    const r = await call('survey.visitStatus', { visitId });
    if (r.ok) {
      setStatus(r.value);
      useKiosk.getState().set(r.value.kiosk);
    }
  }, [visitId]);

  useEffect(() => {
    void load();
    // A receipt printed from the panel above issues the code: refreshed like the checklist screen is, until
    // the shared live-update hook replaces polling.
    const t = setInterval(() => void load(), 10_000);
    return () => clearInterval(t);
  }, [load, detail.visit.status]);
  // When the kiosk finishes (or drops) this visit's survey, the state here changes too.
  const onKioskNow = kiosk?.busy?.visitId === visitId;
  useEffect(() => {
    if (!onKioskNow) void load();
  }, [onKioskNow, load]);

  const start = useCallback(async () => {
    setBusy(true);
    const r = await startKioskFor(visitId);
    setBusy(false);
    if (r.ok) toast('success', 'Survei dibuka di kios. Persilakan pemohon mengisi di layar kios.');
    else toast('error', r.message);
    await load();
  }, [visitId, toast, load]);

  const can = status && (status.state === 'here' || status.state === 'not_issued');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 's' || e.key === 'S') && can && !busy) {
        e.preventDefault();
        void start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [can, busy, start]);

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
