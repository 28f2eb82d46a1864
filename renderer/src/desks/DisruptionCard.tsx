/**
 * Excused time on one file (issue 9): "gangguan internet" / "gangguan SPSE" with start, end, reason and who,
 * and the office-wide outages that overlap the file. Whether the time is excused is the service's rule
 * (services 2–5); it is recorded and shown either way.
 */
import type { DeskInfo } from '../../../contract/desks';
import { call } from '../api';
import { useApp } from '../store';
import { fmtDateTime, fmtTime } from '../ui/format';
import { DisruptionForm } from './DisruptionForm';

export function DisruptionCard(props: { info: DeskInfo; now: number; onChanged: (info: DeskInfo) => void }) {
  const toast = useApp((s) => s.toast);
  const d = props.info;

  async function end(k: 'internet' | 'spse') {
    const r = await call('desk.endDisruption', { visitId: d.visitId, kind: k });
    if (r.ok) {
      toast('success', 'Gangguan diakhiri.');
      props.onChanged(r.value);
    } else toast('error', r.error.message);
  }

  return (
    <section className="card" data-testid="disruptions">
      <div className="card-head">
        <h2>Gangguan internet / SPSE</h2>
        <span className="muted small">{d.excusable ? 'Tidak dihitung dalam jangka waktu layanan ini' : 'Dicatat; layanan ini tidak bersyarat gangguan internet'}</span>
      </div>
      {d.disruptions.length === 0 ? (
        <p className="muted">Tidak ada gangguan tercatat.</p>
      ) : (
        <ul className="disruptions">
          {d.disruptions.map((x, i) => (
            <li key={`${x.scope}-${x.from}-${i}`}>
              <strong>{x.kindLabel[0]!.toUpperCase() + x.kindLabel.slice(1)}</strong> {fmtDateTime(x.from)} – {x.to === null ? 'berlangsung' : fmtTime(x.to)}
              {x.scope === 'office' && <span className="chip chip-at_lkpp">seluruh kantor</span>}
              {x.excused && <span className="muted small"> · tidak dihitung</span>}
              <div className="small">
                {x.reason} <span className="muted">— {x.byName ?? 'petugas'}</span>
              </div>
              {x.scope === 'file' && x.to === null && (
                <button type="button" className="small-btn" onClick={() => void end(x.kind)}>
                  Akhiri gangguan
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <DisruptionForm
        idPrefix="disruption"
        openLabel="Catat gangguan"
        openTestId="record-disruption"
        saveTestId="disruption-save"
        placeholder="mis. Jaringan kantor putus, ISP sedang perbaikan"
        startsAt={() => props.now}
        submit={async (v) => {
          const r = await call('desk.recordDisruption', { visitId: d.visitId, ...v });
          if (!r.ok) return r.error.issues?.[0]?.message ?? r.error.message;
          toast('success', 'Gangguan dicatat.');
          props.onChanged(r.value);
          return null;
        }}
      />
    </section>
  );
}
