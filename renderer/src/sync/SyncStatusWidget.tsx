/**
 * Always visible in the top bar: online/offline, events waiting to be sent, the last successful sync, the
 * last problem in plain Indonesian, and "Sinkronkan sekarang".
 */
import { useEffect } from 'react';
import { subscribeChanges } from '../api';
import { hasRole, useApp } from '../store';
import { fmtDate, fmtDateTime, fmtTime } from '../ui/format';
import { STATE_LABEL, useSync } from './status-store';
import './sync.css';
import { asyncHandler } from '../ui/async-handler';

function lastSyncText(at: number | null, now: number): string {
  if (at === null) return 'belum pernah';
  return fmtDate(at) === fmtDate(now) ? `pukul ${fmtTime(at)}` : fmtDateTime(at);
}

export function SyncStatusWidget() {
  const { status, running, refresh, syncNow } = useSync();
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  const canEnroll = useApp((s) => hasRole(s.session, 'supervisor', 'sysadmin'));

  // The engine announces each change of its state ('sync'); a local commit adds an event to send.
  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribeChanges((n) => {
      if (n.origin === 'clock' || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void refresh();
      }, 50);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);

  if (!status) return null;
  const state = running ? 'syncing' : status.state;
  const problem = status.state === 'revoked' || status.state === 'error' || status.state === 'offline' ? status.lastError?.message ?? null : null;
  const warnings = [status.clockWarning, status.heldWarning, status.quarantineWarning].filter((w): w is string => !!w);

  return (
    <div className="sync-widget" data-testid="sync-status" data-state={state}>
      <span className="sync-pill" title={problem ?? undefined}>
        <span className="sync-dot" aria-hidden="true" />
        <span data-testid="sync-state">{STATE_LABEL[state]}</span>
      </span>
      {status.enrolled ? (
        <>
          <span className="sync-meta" data-testid="sync-pending">
            <strong>{pendingText(status.pendingCount)}</strong> data belum terkirim
          </span>
          {status.history && status.historyText && (
            // A joining PC receiving the office's history (issue 17): the guest book works meanwhile.
            <span className="sync-meta sync-history" data-testid="sync-history" role="status">
              <progress max={status.history.total} value={status.history.received} aria-label="Kemajuan pengunduhan riwayat kantor" />{' '}
              {status.historyText}
            </span>
          )}
          <span className="sync-meta" data-testid="sync-last">
            Sinkron terakhir {lastSyncText(status.lastSuccessAt, Date.now())}
          </span>
          <button
            type="button"
            className="secondary small-btn"
            data-testid="sync-now"
            disabled={running}
            onClick={asyncHandler(async () => {
              const s = await syncNow();
              if (s && s.state === 'online') toast('success', 'Sinkronisasi selesai.');
            })}
          >
            {running ? 'Menyinkronkan…' : 'Sinkronkan sekarang'}
          </button>
        </>
      ) : (
        canEnroll && (
          <button type="button" className="secondary small-btn" onClick={() => go('sync-settings')}>
            Atur sinkronisasi
          </button>
        )
      )}
      {(problem || warnings.length > 0) && (
        <div className={`sync-problem ${problem ? 'err' : 'warn'}`} role={problem ? 'alert' : 'status'} data-testid="sync-problem">
          {problem && (
            <p>
              {problem}
              {status.lastError && <span className="muted"> ({fmtDateTime(status.lastError.at)})</span>}
            </p>
          )}
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
    </div>
  );
}

/** The backend counts pending events up to 10,000 (PENDING_COUNT_CAP) and reports one more past that. */
export function pendingText(n: number): string {
  return n > 10_000 ? 'lebih dari 10.000' : n.toLocaleString('id-ID');
}
