/**
 * The service standard on the supervisor's dashboard (issue 14): the catalogue version in force, a version
 * scheduled or a draft waiting, and the way to the Standar Pelayanan screen.
 */
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';
import { fmtIsoDate } from '../ui/format';

export function StandardLine() {
  const go = useApp((s) => s.go);
  const live = useLive(() => call('catalogue.versions', {}), [], { types: ['catalogue', 'catalogue_draft'], clock: true });
  const d = live.data;
  if (!d) return null;
  const scheduled = d.versions.filter((v) => v.state === 'scheduled');
  return (
    <div className={`${d.draft ? 'banner banner-warn' : 'muted'} security-notice`} role="status" data-testid="dashboard-standard">
      <div className="grow">
        Standar pelayanan versi {d.inForce} berlaku.
        {scheduled.map((v) => ` Versi ${v.version} berlaku mulai ${fmtIsoDate(v.effectiveFrom)}.`).join('')}
        {d.draft ? ` Draf versi ${d.draft.catalogue.version} menunggu penetapan.` : ''}
      </div>
      <button type="button" className="secondary small-btn" onClick={() => go('standard')} data-testid="open-standard">
        Buka Standar Pelayanan
      </button>
    </div>
  );
}
