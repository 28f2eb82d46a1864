/**
 * The waiting room on the supervisor's dashboard: today's numbers at a glance and the way to the queue
 * screen (its settings, the television). The supervisor reaches the queue from here, not from the side
 * menu, which keeps one entry per subject and must fit 1366 × 768 with the toasts (as the security alerts do).
 */
import { call } from '../api';
import { useLive } from '../live';
import { useApp } from '../store';

export function QueueDashboardLine() {
  const go = useApp((s) => s.go);
  const live = useLive(() => call('queue.board', {}), [], { types: ['queue_ticket', 'visit', 'settings'], clock: true });
  const b = live.data;
  if (!b) return null;
  return (
    <div className="muted security-notice" role="status" data-testid="dashboard-queue">
      <div className="grow">
        {b.enabled
          ? `Antrean hari ini: ${b.counts.issued} nomor diambil · ${b.counts.waiting} menunggu · ${b.counts.served} dilayani · ${b.counts.noShows} tidak hadir.`
          : 'Nomor antrean tidak digunakan.'}
      </div>
      <button type="button" className="secondary small-btn" onClick={() => go('queue')} data-testid="open-queue">
        Buka antrean dan layar TV
      </button>
    </div>
  );
}
