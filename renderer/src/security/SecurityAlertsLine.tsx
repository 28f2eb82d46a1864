/**
 * The security alerts on the supervisor's dashboard (ADR 0011): how many records were kept but applied
 * nowhere, and how many the server sent that this PC refused, with the way to the list. The list is a screen
 * without a menu entry of its own (the side menu keeps one entry per subject and fits 1366 × 768).
 */
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';

export function SecurityAlertsLine() {
  const go = useApp((s) => s.go);
  // Denied and refused events come with sync cycles (each ends with a 'sync' notice) and account changes.
  const live = useLive(() => call('security.alerts', { limit: 1 }), [], { sync: true, types: ['user'] });
  const d = live.data;
  if (!d) return null;
  const any = d.deniedCount + d.refusedCount > 0;
  return (
    <div className={`${any ? 'banner banner-warn' : 'muted'} security-notice`} role="status" data-testid="dashboard-security">
      <div className="grow">
        {any ? (
          <>
            <strong>Peringatan keamanan.</strong> {d.deniedCount} data tidak berwenang · {d.refusedCount} data ditolak.
          </>
        ) : (
          'Tidak ada peringatan keamanan.'
        )}
      </div>
      <button type="button" className="secondary small-btn" onClick={() => go('security-alerts')} data-testid="open-security-alerts">
        Lihat peringatan keamanan
      </button>
    </div>
  );
}
