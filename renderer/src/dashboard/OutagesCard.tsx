/**
 * Office-wide outages (issue 9): the internet or SPSE is down for everybody. Declared once here, it applies
 * to every file at a desk during it; ended when service is back; withdrawn with a reason when declared by
 * mistake (it stays listed).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutageView } from '../../../contract/excused';
import { parseIsoInstant } from '../../../domain/time/wita';
import { call } from '../api';
import { witaLocalInput } from '../desks/DisruptionCard';
import { useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { asyncHandler } from '../ui/async-handler';

export function OutagesCard(props: { ongoing: number; onChanged: () => void }) {
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<OutageView[]>([]);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'internet' | 'spse'>('internet');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ id: string; reason: string; error: string | null } | null>(null);

  const load = useCallback(async () => {
    const r = await call('outages.list', { includeWithdrawn: true });
    if (r.ok) setList(r.value.outages.slice(0, 5));
  }, []);
  useEffect(() => {
    void load();
  }, [load, props.ongoing]);

  const changed = () => {
    void load();
    props.onChanged();
  };

  async function declare() {
    const fromMs = parseIsoInstant(from);
    const toMs = to.trim() === '' ? null : parseIsoInstant(to);
    if (fromMs === null) return setError('Isi waktu mulai gangguan (tanggal dan jam).');
    if (to.trim() !== '' && toMs === null) return setError('Waktu selesai tidak valid.');
    const r = await call('outages.declare', { kind, from: fromMs, to: toMs, reason });
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message);
    setError(null);
    setOpen(false);
    setReason('');
    toast('success', `Gangguan seluruh kantor dicatat; berlaku untuk ${r.value.filesAffected} berkas di meja petugas.`);
    changed();
  }

  return (
    <section className="card" data-testid="outages">
      <div className="card-head">
        <h2>Gangguan internet / SPSE seluruh kantor</h2>
        <span className="muted small">Waktunya tidak dihitung bagi layanan yang jaminannya bersyarat "jika tidak ada gangguan internet"</span>
      </div>
      {list.length === 0 ? (
        <p className="muted">Belum ada gangguan tercatat.</p>
      ) : (
        <ul className="disruptions">
          {list.map((o) => (
            <li key={o.id}>
              <strong>{o.kindLabel[0]!.toUpperCase() + o.kindLabel.slice(1)}</strong> {fmtDateTime(o.from)} – {o.to === null ? 'berlangsung' : fmtDateTime(o.to)}
              {o.withdrawn ? <span className="chip chip-rejected">dibatalkan</span> : <span className="muted small"> · {o.filesAffected} berkas</span>}
              <div className="small">
                {o.reason} <span className="muted">— {o.declaredByName ?? 'petugas'}</span>
              </div>
              {!o.withdrawn && o.to === null && (
                <button
                  type="button"
                  className="small-btn"
                  onClick={asyncHandler(async () => {
                    const r = await call('outages.end', { id: o.id });
                    if (r.ok) {
                      toast('success', 'Gangguan diakhiri.');
                      changed();
                    } else toast('error', r.error.message);
                  })}
                >
                  Akhiri sekarang
                </button>
              )}
              {!o.withdrawn && withdrawing?.id !== o.id && (
                <button type="button" className="small-btn" onClick={() => setWithdrawing({ id: o.id, reason: '', error: null })}>
                  Batalkan
                </button>
              )}
              {withdrawing?.id === o.id && (
                <form
                  className="desk-actions"
                  onSubmit={asyncHandler(async (e) => {
                    e.preventDefault();
                    const r = await call('outages.withdraw', { id: o.id, reason: withdrawing.reason });
                    if (r.ok) {
                      setWithdrawing(null);
                      toast('success', 'Gangguan dibatalkan; tetap tercantum dengan alasannya.');
                      changed();
                    } else setWithdrawing({ ...withdrawing, error: r.error.issues?.[0]?.message ?? r.error.message });
                  })}
                >
                  <label htmlFor={`withdraw-${o.id}`} className="small">
                    Alasan pembatalan
                  </label>
                  <input id={`withdraw-${o.id}`} value={withdrawing.reason} onChange={(e) => setWithdrawing({ ...withdrawing, reason: e.target.value })} autoFocus />
                  <button type="submit" className="small-btn">
                    Simpan pembatalan
                  </button>
                  <button type="button" className="small-btn" onClick={() => setWithdrawing(null)}>
                    Tidak jadi
                  </button>
                  {withdrawing.error && (
                    <span className="field-error" role="alert">
                      {withdrawing.error}
                    </span>
                  )}
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {!open ? (
        <button
          type="button"
          className="secondary"
          data-testid="declare-outage"
          onClick={asyncHandler(async () => {
            const s = await call('app.status', {});
            setFrom(witaLocalInput(s.ok ? s.value.now : Date.now()));
            setTo('');
            setError(null);
            setOpen(true);
          })}
        >
          Catat gangguan seluruh kantor
        </button>
      ) : (
        <form
          className="disruption-form"
          onSubmit={(e) => {
            e.preventDefault();
            void declare();
          }}
        >
          <div className="field">
            <label htmlFor="outage-kind">Jenis gangguan</label>
            <select id="outage-kind" value={kind} onChange={(e) => setKind(e.target.value as 'internet' | 'spse')}>
              <option value="internet">Gangguan internet</option>
              <option value="spse">Gangguan SPSE</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="outage-from">Mulai (WITA)</label>
            <input id="outage-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="outage-to">Selesai (kosongkan bila masih berlangsung)</label>
            <input id="outage-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field" style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="outage-reason">
              Keterangan<span className="req"> *</span>
            </label>
            <input id="outage-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="mis. SPSE LPSE tidak dapat diakses" />
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
            <button type="submit" className="primary" data-testid="outage-save">
              Simpan gangguan
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
