import { useEffect, useRef, useState } from 'react';
import { call } from '../api';
import { useLive } from '../live';
import { useStartFocus } from '../ui/focus';
import { VisitTable } from './VisitTable';

/** Files returned incomplete, on any day: the vendor comes back with what was missing. */
export function ReturnedScreen(props: { params?: Record<string, string> }) {
  const [query, setQuery] = useState(props.params?.q ?? '');
  const [debounced, setDebounced] = useState(query);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 100);
    return () => clearTimeout(t);
  }, [query]);
  const list = useLive(() => call('visits.list', { status: 'returned', anyDay: true, query: debounced || undefined }), [debounced], { types: ['visit'] });
  useStartFocus(searchRef, true);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Berkas Dikembalikan</h2>
        <span className="muted">Berkas yang belum lengkap dan menunggu pemohon kembali</span>
      </div>
      <div className="filters">
        <input ref={searchRef} type="search" placeholder="Cari nama pemohon atau perusahaan…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Cari berkas dikembalikan" />
      </div>
      {list.data && <VisitTable rows={list.data.rows} showDate empty="Tidak ada berkas yang sedang dikembalikan." />}
    </section>
  );
}
