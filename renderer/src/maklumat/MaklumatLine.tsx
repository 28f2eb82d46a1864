/**
 * The maklumat and the staff evaluation on the supervisor's dashboard (issue 14, ADR 0023): whether a
 * maklumat is in force or a draft waits for the Kepala Bagian's signature, and the way to the Evaluasi
 * Kinerja Pelaksana screen (reached from here: the side menu holds every entry at 1366 × 768, ADR 0014).
 */
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';

export function MaklumatLine() {
  const go = useApp((s) => s.go);
  const live = useLive(() => call('maklumat.view', {}), [], { types: ['maklumat'], clock: true });
  const d = live.data;
  if (!d) return null;
  const warn = d.inForce === null || d.draft !== null;
  return (
    <div className={`${warn ? 'banner banner-warn' : 'muted'} security-notice`} role="status" data-testid="dashboard-maklumat">
      <div className="grow">
        {d.inForce === null ? 'Belum ada maklumat pelayanan yang berlaku (Perwali 67/2018 Pasal 7).' : `Maklumat pelayanan versi ${d.inForce} berlaku.`}
        {d.draft !== null ? ` Draf versi ${d.draft} menunggu tanda tangan Kepala Bagian.` : ''}
      </div>
      <button type="button" className="secondary small-btn" onClick={() => go('maklumat')} data-testid="open-maklumat">
        Buka Maklumat
      </button>
      <button type="button" className="secondary small-btn" onClick={() => go('evaluation')} data-testid="open-evaluation">
        Evaluasi Kinerja Pelaksana
      </button>
    </div>
  );
}
