import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import type { Catalogue } from '../../../domain/catalogue/types';
import { call } from '../api';
import { hasRole, useApp } from '../store';
import { fmtIsoDate, statusLabel } from '../ui/format';
import { VisitTable } from './VisitTable';
import { VisitorForm } from './VisitorForm';

export function GuestBookScreen() {
  const session = useApp((s) => s.session);
  const go = useApp((s) => s.go);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [list, setList] = useState<OutputOf<'visits.list'> | null>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<string>('');
  const canRegister = hasRole(session, 'helpdesk', 'supervisor');

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
  }, []);

  const load = useCallback(async () => {
    const r = await call('visits.list', { query: query || undefined, status: (status || undefined) as never });
    if (r.ok) setList(r.value);
  }, [query, status]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 5000);
    return () => clearInterval(t);
  }, [load]);

  const total = list ? Object.values(list.countsByStatus).reduce((a, b) => a + b, 0) : 0;
  return (
    <div className={canRegister ? 'split' : ''}>
      {canRegister && catalogue && <VisitorForm catalogue={catalogue} onRegistered={(id) => go('visit', { id })} />}
      <section className="card" aria-labelledby="today-title" data-testid={catalogue && list ? 'guestbook-ready' : undefined}>
        <div className="card-head">
          <h2 id="today-title">Buku Tamu Hari Ini</h2>
          <span className="muted">{list ? fmtIsoDate(list.day) : ''}</span>
        </div>
        <div className="filters">
          <input type="search" placeholder="Cari nama, perusahaan, atau nomor tanda terima…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Cari di buku tamu hari ini" />
          <div className="chips" role="group" aria-label="Saring menurut status">
            <button type="button" className={`chip chip-button ${status === '' ? 'selected' : ''}`} onClick={() => setStatus('')}>
              Semua ({total})
            </button>
            {(['registered', 'checking', 'returned', 'handed_over', 'closed'] as const).map((s) => (
              <button type="button" key={s} className={`chip chip-button ${status === s ? 'selected' : ''}`} onClick={() => setStatus(status === s ? '' : s)}>
                {statusLabel(s)} ({list?.countsByStatus[s] ?? 0})
              </button>
            ))}
          </div>
        </div>
        {list && <VisitTable rows={list.rows} empty={query || status ? 'Tidak ada kunjungan yang cocok.' : 'Belum ada pengunjung hari ini.'} />}
      </section>
    </div>
  );
}
