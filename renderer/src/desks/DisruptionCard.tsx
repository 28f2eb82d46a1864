/**
 * Excused time on one file (issue 9): "gangguan internet" / "gangguan SPSE" with start, end, reason and who,
 * and the office-wide outages that overlap the file. Whether the time is excused is the service's rule
 * (services 2–5); it is recorded and shown either way.
 */
import { useState } from 'react';
import type { DeskInfo } from '../../../contract/desks';
import { parseIsoInstant, toWitaParts } from '../../../domain/time/wita';
import { call } from '../api';
import { useApp } from '../store';
import { fmtDateTime, fmtTime } from '../ui/format';

/** `YYYY-MM-DDTHH:MM` (WITA) for a datetime-local field. */
export function witaLocalInput(ms: number): string {
  const p = toWitaParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.isoDate}T${two(p.hour)}:${two(p.minute)}`;
}

export function DisruptionCard(props: { info: DeskInfo; now: number; onChanged: (info: DeskInfo) => void }) {
  const toast = useApp((s) => s.toast);
  const d = props.info;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'internet' | 'spse'>('internet');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const fromMs = parseIsoInstant(from);
    const toMs = to.trim() === '' ? null : parseIsoInstant(to);
    if (fromMs === null) return setError('Isi waktu mulai gangguan (tanggal dan jam).');
    if (to.trim() !== '' && toMs === null) return setError('Waktu selesai tidak valid.');
    setBusy(true);
    const r = await call('desk.recordDisruption', { visitId: d.visitId, kind, from: fromMs, to: toMs, reason });
    setBusy(false);
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message);
    setError(null);
    setOpen(false);
    setReason('');
    toast('success', 'Gangguan dicatat.');
    props.onChanged(r.value);
  }

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
      {!open ? (
        <button
          type="button"
          className="secondary"
          data-testid="record-disruption"
          onClick={() => {
            setFrom(witaLocalInput(props.now));
            setTo('');
            setError(null);
            setOpen(true);
          }}
        >
          Catat gangguan
        </button>
      ) : (
        <form
          className="disruption-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field">
            <label htmlFor="disruption-kind">Jenis gangguan</label>
            <select id="disruption-kind" value={kind} onChange={(e) => setKind(e.target.value as 'internet' | 'spse')}>
              <option value="internet">Gangguan internet</option>
              <option value="spse">Gangguan SPSE</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="disruption-from">Mulai (WITA)</label>
            <input id="disruption-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="disruption-to">Selesai (kosongkan bila masih berlangsung)</label>
            <input id="disruption-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field" style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="disruption-reason">
              Keterangan<span className="req"> *</span>
            </label>
            <input id="disruption-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="mis. Jaringan kantor putus, ISP sedang perbaikan" />
          </div>
          {error && (
            <div className="field-error" role="alert" style={{ gridColumn: '1 / -1' }}>
              {error}
            </div>
          )}
          <div className="form-actions" style={{ gridColumn: '1 / -1' }}>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Batal
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="disruption-save">
              Simpan gangguan
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
