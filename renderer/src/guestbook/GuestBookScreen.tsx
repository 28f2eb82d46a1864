import { useEffect, useRef, useState } from 'react';
import { VISIT_STAGES, type VisitStage } from '../../../domain/visit-status';
import type { Catalogue } from '../../../domain/catalogue/types';
import { call } from '../api';
import { useLive } from '../live';
import { hasRole, useApp } from '../store';
import { useStartFocus } from '../ui/focus';
import { fmtIsoDate } from '../ui/format';
import { VisitTable } from './VisitTable';
import { VisitorForm } from './VisitorForm';

/**
 * The guest book: the new-visitor form (helpdesk, supervisor) beside today's visits. The tabs are the
 * stages of domain/visit-status.ts, so each tab's count is the number of today's rows it lists. The list
 * follows the backend's change notices (another window, a sync page) and the day's turn at midnight.
 */
export function GuestBookScreen() {
  const session = useApp((s) => s.session);
  const go = useApp((s) => s.go);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [stage, setStage] = useState<VisitStage | ''>('');
  const canRegister = hasRole(session, 'helpdesk', 'supervisor');
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
  }, []);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query]);

  const list = useLive(() => call('visits.list', { query: debounced || undefined, stage: stage || undefined }), [debounced, stage], {
    types: ['visit'],
    clock: true,
  });

  const ready = !!catalogue && !!list.data;
  useStartFocus(() => (canRegister ? document.getElementById('lookup-input') : searchRef.current), ready);

  const counts = list.data?.countsByStatus ?? {};
  const stageCount = (key: VisitStage) => VISIT_STAGES.find((s) => s.key === key)!.statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div className={canRegister ? 'split' : ''}>
      {canRegister && catalogue && <VisitorForm catalogue={catalogue} onRegistered={(id) => go('visit', { id })} />}
      <section className="card" aria-labelledby="today-title" data-testid={ready ? 'guestbook-ready' : undefined}>
        <div className="card-head">
          <h2 id="today-title">Buku Tamu Hari Ini</h2>
          <span className="muted">{list.data ? fmtIsoDate(list.data.day) : ''}</span>
        </div>
        <div className="filters">
          <input ref={searchRef} type="search" placeholder="Cari nama, perusahaan, atau nomor tanda terima…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Cari di buku tamu hari ini" />
          <div className="chips" role="group" aria-label="Saring menurut tahap">
            <button type="button" className={`chip chip-button ${stage === '' ? 'selected' : ''}`} aria-pressed={stage === ''} onClick={() => setStage('')} data-testid="stage-all">
              Semua ({total})
            </button>
            {VISIT_STAGES.map((s) => (
              <button
                type="button"
                key={s.key}
                className={`chip chip-button ${stage === s.key ? 'selected' : ''}`}
                aria-pressed={stage === s.key}
                onClick={() => setStage(stage === s.key ? '' : s.key)}
                data-testid={`stage-${s.key}`}
              >
                {s.label} ({stageCount(s.key)})
              </button>
            ))}
          </div>
        </div>
        {list.data && <VisitTable rows={list.data.rows} empty={query || stage ? 'Tidak ada kunjungan hari ini yang cocok.' : 'Belum ada pengunjung hari ini.'} />}
      </section>
    </div>
  );
}
