/**
 * Above every screen when the database runs read-only (issue 15 item 4, ADR 0016): says so plainly, and
 * sends the supervisor to Keamanan Data. (A damaged or unopenable database never gets here: the app runs in
 * recovery mode with only the restore screen, docs/adr/0024.)
 */
import { call } from '../api';
import { useLive } from '../live';
import { hasRole, useApp } from '../store';

export function StorageBanner() {
  const live = useLive(() => call('dataSafety.storage', {}), [], { types: ['storage'] });
  const session = useApp((s) => s.session);
  const go = useApp((s) => s.go);
  const st = live.data;
  if (!st || st.mode === 'normal' || !st.message) return null;
  return (
    <div className="banner banner-warn storage-banner" role="status" data-testid="storage-banner">
      <span>{st.message}</span>
      {hasRole(session, 'supervisor') && (
        <button type="button" className="secondary small-btn" onClick={() => go('data-safety')}>
          Buka Keamanan Data
        </button>
      )}
    </div>
  );
}
