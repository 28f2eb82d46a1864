/**
 * Office-wide outages (issue 9): the internet or SPSE is down for everybody. Declared once here, it applies
 * to every file at a desk during it; ended when service is back; withdrawn with a reason when declared by
 * mistake (it stays listed).
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutageView } from '../../../contract/excused';
import { call } from '../api';
import { DisruptionForm } from '../desks/DisruptionForm';
import { useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { asyncHandler } from '../ui/async-handler';

export function OutagesCard(props: { ongoing: number; onChanged: () => void }) {
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<OutageView[]>([]);
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
      <DisruptionForm
        idPrefix="outage"
        openLabel="Catat gangguan seluruh kantor"
        openTestId="declare-outage"
        saveTestId="outage-save"
        placeholder="mis. SPSE LPSE tidak dapat diakses"
        startsAt={async () => {
          const s = await call('app.status', {});
          return s.ok ? s.value.now : Date.now();
        }}
        submit={async (v) => {
          const r = await call('outages.declare', v);
          if (!r.ok) return r.error.issues?.[0]?.message ?? r.error.message;
          toast('success', `Gangguan seluruh kantor dicatat; berlaku untuk ${r.value.filesAffected} berkas di meja petugas.`);
          changed();
          return null;
        }}
      />
    </section>
  );
}
