import { useEffect, useState } from 'react';
import type { VisitRow } from '../../../contract/api';
import { call } from '../api';
import { VisitTable } from './VisitTable';

/** Files returned incomplete, on any day: the vendor comes back with what was missing. */
export function ReturnedScreen(props: { params?: Record<string, string> }) {
  const [query, setQuery] = useState(props.params?.q ?? '');
  const [rows, setRows] = useState<VisitRow[] | null>(null);
  useEffect(() => {
    const t = setTimeout(async () => {
      const r = await call('visits.list', { status: 'returned', query: query || undefined });
      if (r.ok) setRows(r.value.rows);
    }, 100);
    return () => clearTimeout(t);
  }, [query]);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Berkas Dikembalikan</h2>
        <span className="muted">Berkas yang belum lengkap dan menunggu pemohon kembali</span>
      </div>
      <div className="filters">
        <input type="search" autoFocus placeholder="Cari nama pemohon atau perusahaan…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Cari berkas dikembalikan" />
      </div>
      {rows && <VisitTable rows={rows} showDate empty="Tidak ada berkas yang sedang dikembalikan." />}
    </section>
  );
}
