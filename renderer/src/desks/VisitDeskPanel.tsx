/**
 * On the visit screen (checklist): the service clock, where the file stands at the desks, the discretion it
 * was accepted under, and, for the supervisor, accepting an incomplete file under Perwali Pasal 6.
 */
import { unitPhrase } from '../../../domain/catalogue/units';
import { useState } from 'react';
import { call } from '../api';
import { useLive } from '../live';
import type { VisitPanelProps } from '../checklist/extensions';
import { hasRole, useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { ClockPanel } from './clock';
import { DeskStatusChip } from './DeskScreen';
import './desks.css';
import { asyncHandler } from '../ui/async-handler';

export function VisitDeskPanel({ detail, reload }: VisitPanelProps) {
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const visitId = detail.visit.id;
  const status = detail.visit.status;

  // Follows the visit's change notices and counter hours; the clock ticks locally in between.
  const live = useLive(() => call('visits.deskInfo', { visitId }), [visitId], { ids: [visitId], clock: true });
  const info = live.data ? { value: live.data, fetchedAt: live.fetchedAt } : null;
  const load = live.reload;

  if (!detail.service || !info) return null;
  const d = info.value;
  const afterHandover = !['registered', 'checking', 'returned', 'closed'].includes(status);
  const canDiscretion = hasRole(session, 'kepala_bagian') && status === 'checking' && !detail.summary.complete;
  const missing = detail.checklist.filter((c) => c.verdict !== 'ok');
  const deskRole = d.handedOverTo;
  // Whether the caller serves the unit the file went to is the backend's answer (catalogue data, issue 14).
  const canOpenDesk = deskRole !== null && (d.canWork ?? hasRole(session, 'supervisor'));

  return (
    <>
      {d.clock && (
        <section className="card" data-testid="visit-clock">
          <div className="card-head">
            <h2>Waktu layanan</h2>
            {afterHandover && (
              <span className="desk-actions">
                <DeskStatusChip status={d.status} label={d.statusLabel} discretion={!!d.discretion} />
                {d.claimedBy && <span className="muted">oleh {d.claimedBy.name}</span>}
                {canOpenDesk && (
                  <button type="button" className="small-btn" onClick={() => go('desk-file', { id: visitId, desk: deskRole })}>
                    Buka di meja {deskRole === 'sysadmin' ? 'admin sistem' : 'verifikator'}
                  </button>
                )}
              </span>
            )}
          </div>
          <ClockPanel clock={d.clock} fetchedAt={info.fetchedAt} />
          {d.outcome && (
            <p style={{ marginTop: 10 }}>
              {d.outcome.kind === 'completed' ? 'Selesai' : 'Ditolak'} {fmtDateTime(d.outcome.at)} oleh {d.outcome.byName}
              {d.outcome.note ? ` — ${d.outcome.note}` : ''}
            </p>
          )}
          {d.conflictMessage && <div className="banner banner-warn">{d.conflictMessage}</div>}
        </section>
      )}

      {d.discretion && (
        <div className="banner banner-warn" data-testid="discretion-banner">
          <div>
            <strong>Diterima dengan diskresi (Perwali Pasal 6)</strong> oleh {d.discretion.byName ?? 'supervisor'}: {d.discretion.items.map((i) => i.label).join(', ')}.
            {d.discretion.reason && <div>Alasan: {d.discretion.reason}</div>}
          </div>
        </div>
      )}

      {canDiscretion && (
        <section className="card" data-testid="discretion-panel">
          <div className="card-head">
            <h2>Diskresi Kepala Bagian (Perwali Pasal 6)</h2>
          </div>
          <p>
            Berkas dapat diterima dan diserahkan walaupun persyaratan berikut belum lengkap, dengan alasan tertulis: <strong>{missing.map((m) => m.label).join(', ')}</strong>.
          </p>
          <div className={`field ${error ? 'has-error' : ''}`}>
            <label htmlFor="discretion-reason">
              Alasan diskresi <span className="req">*</span>
            </label>
            <textarea id="discretion-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="discretion-reason" />
            {error && <div className="field-error">{error}</div>}
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="accept-discretion"
              onClick={asyncHandler(async () => {
                setBusy(true);
                const r = await call('visits.acceptWithDiscretion', { visitId, reason });
                setBusy(false);
                if (r.ok) {
                  setError(null);
                  setReason('');
                  toast('success', `Berkas diterima dengan diskresi dan diserahkan ke ${unitPhrase(r.value.handedOverTo, r.value.handedOverToName)}.`);
                  await reload();
                  await load();
                } else {
                  setError(r.error.issues?.[0]?.message ?? r.error.message);
                }
              })}
            >
              Terima dengan diskresi dan serahkan
            </button>
          </div>
        </section>
      )}
    </>
  );
}
