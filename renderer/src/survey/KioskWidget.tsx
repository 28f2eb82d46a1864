/**
 * In the top bar for counter staff: the survey kiosk's state (closed, waiting, being filled in), opening and
 * closing it, and the visits this staff member served today with "Mulai survei" — the verifier's way to put
 * the survey of the file just finished on the kiosk.
 */
import { useEffect, useRef, useState } from 'react';
import type { KioskStatus } from '../../../contract/survey';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import { useLive } from '../live';
import { hasRole, useApp } from '../store';
import { fmtTime } from '../ui/format';
import { KIOSK_NOTICE_TYPE, openKioskWindow, startKioskFor, useKiosk } from './kiosk-control';
import './survey.css';
import { asyncHandler } from '../ui/async-handler';

type Recent = OutputOf<'survey.recentServed'>['visits'];

const STATE_TEXT: Record<string, string> = { here: 'belum diisi', not_issued: 'belum diisi', spent: 'sudah diisi', elsewhere: 'kode di PC lain', expired: 'kedaluwarsa' };

export function KioskWidget() {
  const staff = useApp((s) => hasRole(s.session, 'helpdesk', 'verifier', 'sysadmin', 'supervisor'));
  const toast = useApp((s) => s.toast);
  const status = useKiosk((s) => s.status);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // Live (ADR 0008): the kiosk's state is read again when the backend announces a change of it (a survey
  // started, answered, cancelled; the kiosk connecting or no longer asking), never on a timer.
  const live = useLive<KioskStatus | null>(() => (staff ? call('survey.kioskStatus', {}) : Promise.resolve({ ok: true, value: null })), [staff], { types: [KIOSK_NOTICE_TYPE] });
  useEffect(() => {
    if (live.data) useKiosk.getState().set(live.data);
  }, [live.data]);
  // The visits served today, while the list is open: a handover, a receipt (code issued), a response
  // arriving by sync or a survey taken at the kiosk changes their survey state.
  const recentLive = useLive<Recent | null>(
    () => (staff && open ? call('survey.recentServed', {}).then((r) => (r.ok ? { ok: true as const, value: r.value.visits } : r)) : Promise.resolve({ ok: true, value: null })),
    [staff, open],
    { types: ['visit', 'survey_token', 'survey_response', KIOSK_NOTICE_TYPE], clock: true },
  );
  const recent = open ? recentLive.data : null;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!staff) return null;
  const state = !status?.open ? 'closed' : status.busy ? 'busy' : 'idle';
  const label = state === 'closed' ? 'Kios: tertutup' : state === 'busy' ? 'Kios: sedang diisi' : status!.connected ? 'Kios: siap' : 'Kios: belum tersambung';

  return (
    <div className="kiosk-widget" ref={box}>
      <button type="button" className="secondary small-btn kiosk-pill" onClick={() => setOpen((o) => !o)} aria-expanded={open} title="Kios Survei Kepuasan Masyarakat" data-testid="kiosk-widget" data-state={state}>
        <span className={`kiosk-dot ${state === 'busy' ? 'busy' : state === 'idle' && status!.connected ? 'on' : ''}`} aria-hidden="true" />
        {label}
      </button>
      {open && (
        <div className="kiosk-pop" role="dialog" aria-label="Kios survei">
          <h3>Kios Survei Kepuasan Masyarakat</h3>
          {status?.busy && (
            <p className="small">
              Sedang diisi: {status.busy.serviceName}, sejak pukul {fmtTime(status.busy.startedAt)}
              {status.busy.byCode ? ' (dengan kode dari tanda terima)' : ''}.
            </p>
          )}
          <h3>Kunjungan yang Anda layani hari ini</h3>
          {recent === null ? (
            <p className="muted small">Memuat…</p>
          ) : recent.length === 0 ? (
            <p className="muted small">Belum ada kunjungan yang dapat disurvei.</p>
          ) : (
            <ul data-testid="kiosk-recent">
              {recent.map((v) => (
                <li key={v.visitId}>
                  <span className="who">
                    <strong>{v.visitorName}</strong>
                    {v.companyName ? ` · ${v.companyName}` : ''}
                    <br />
                    <span className="muted">
                      {fmtTime(v.at)} · {v.serviceName} · {STATE_TEXT[v.state] ?? v.state}
                    </span>
                  </span>
                  {(v.state === 'here' || v.state === 'not_issued') && (
                    <button
                      type="button"
                      className="primary small-btn"
                      onClick={asyncHandler(async () => {
                        const r = await startKioskFor(v.visitId);
                        if (r.ok) {
                          toast('success', 'Survei dibuka di kios.');
                          setOpen(false);
                        } else toast('error', r.message);
                      })}
                    >
                      Mulai survei
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            {!status?.open || !status.connected ? (
              <button
                type="button"
                className="secondary small-btn"
                data-testid="kiosk-open"
                onClick={asyncHandler(async () => {
                  const m = await openKioskWindow();
                  if (m) toast('error', m);
                })}
              >
                Buka layar kios
              </button>
            ) : null}
            {status?.busy && (
              <button
                type="button"
                className="secondary small-btn"
                onClick={asyncHandler(async () => {
                  const r = await call('survey.kioskCancel', {});
                  if (r.ok) useKiosk.getState().set(r.value);
                })}
              >
                Batalkan survei di kios
              </button>
            )}
            {status?.open && (
              <button
                type="button"
                className="secondary small-btn"
                onClick={asyncHandler(async () => {
                  const r = await call('survey.kioskClose', {});
                  if (r.ok) useKiosk.getState().set(r.value);
                })}
              >
                Tutup kios
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
