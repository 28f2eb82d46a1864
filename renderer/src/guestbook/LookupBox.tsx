import { useEffect, useRef, useState } from 'react';
import type { OutputOf, PersonSummary } from '../../../contract/api';
import { call } from '../api';
import { asyncHandler } from '../ui/async-handler';

type Found = OutputOf<'lookup.search'>;
export type LookupPick = { kind: 'vendor'; vendor: Found['vendors'][number] } | { kind: 'person'; person: PersonSummary };

/**
 * Type-ahead over registered companies (name fragment or NPWP prefix) and visitors (NIK prefix or name).
 * Arrow keys move, Enter picks, Escape closes. Enter always answers the query as typed: pressed before its
 * results are in (a fast officer types the name and at once Enter), it waits for them and picks the first,
 * never a row of an earlier, shorter query, and never submits the visitor form underneath.
 */
export function LookupBox(props: { onPick: (p: LookupPick) => void }) {
  const [query, setQuery] = useState('');
  // The results and the query they answer (a slower answer to an earlier keystroke is never shown as this one's).
  const [found, setFound] = useState<{ q: string; value: Found } | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  /** The query an Enter was pressed on before its results were in: they are picked from when they come. */
  const enterFor = useRef<string | null>(null);
  /** The query whose search failed, with the reason; Enter on it asks again. */
  const [failed, setFailed] = useState<{ q: string; message: string } | null>(null);
  const [retry, setRetry] = useState(0);

  function pick(p: LookupPick) {
    enterFor.current = null;
    props.onPick(p);
    setOpen(false);
    setQuery('');
    setFound(null);
  }
  const pickRef = useRef(pick);
  pickRef.current = pick;

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      ++seq.current; // an answer still on its way belongs to a longer query
      setFound(null);
      return;
    }
    const mine = ++seq.current;
    const t = setTimeout(asyncHandler(async () => {
      const r = await call('lookup.search', { query: q });
      if (mine !== seq.current) return; // a newer keystroke already asked
      if (!r.ok) {
        if (enterFor.current === q) enterFor.current = null;
        setFailed({ q, message: r.error.message });
        return;
      }
      setFailed(null);
      setFound({ q, value: r.value });
      setActive(0);
      setOpen(true);
      const first = optionsOf(r.value)[0];
      if (enterFor.current === q && first) pickRef.current(first);
      else if (enterFor.current === q) enterFor.current = null; // nothing found: the list says so
    }), 120);
    return () => clearTimeout(t);
  }, [query, retry]);

  const current = found && found.q === query.trim() ? found.value : null;
  const options = optionsOf(found?.value ?? null);

  function onKey(e: React.KeyboardEvent) {
    const q = query.trim();
    if (e.key === 'Enter' && q.length >= 2) {
      e.preventDefault();
      // The results of what was typed are not in yet (or the list shows an earlier query's): wait for them.
      if (!current) {
        enterFor.current = q;
        if (failed?.q === q) setRetry((n) => n + 1); // the search failed: Enter asks again
      } else if (!open) setOpen(true);
      else if (options.length > 0) pick(options[active]!);
      return;
    }
    if (!open || options.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (e.key === 'Escape') setOpen(false);
  }

  return (
    <div className="lookup">
      <label htmlFor="lookup-input" className="lookup-label">
        Cari data terdaftar
      </label>
      <input
        id="lookup-input"
        data-testid="lookup-input"
        type="search"
        placeholder="Nama perusahaan, NPWP, atau NIK pemohon…"
        value={query}
        onChange={(e) => {
          enterFor.current = null;
          setQuery(e.target.value);
        }}
        onKeyDown={onKey}
        onFocus={() => found && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        role="combobox"
        aria-expanded={open}
        aria-controls="lookup-list"
        aria-autocomplete="list"
        autoComplete="off"
      />
      {open && found && (
        <ul id="lookup-list" className="lookup-list" role="listbox" data-testid="lookup-results">
          {options.length === 0 && <li className="lookup-empty">Tidak ditemukan. Isi data baru di bawah.</li>}
          {options.map((o, i) => (
            <li
              key={o.kind === 'vendor' ? `v-${o.vendor.id}` : `p-${o.person.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {o.kind === 'vendor' ? (
                <>
                  <span className="lookup-kind">Perusahaan</span>
                  <strong>{o.vendor.name}</strong>
                  <span className="muted"> · NPWP {o.vendor.npwpFormatted ?? '—'}</span>
                  {o.vendor.spseUserId && <span className="muted"> · User ID SPSE {o.vendor.spseUserId}{o.vendor.spseUserState === 'deactivated' ? ' (nonaktif)' : ''}</span>}
                  {o.vendor.openReturnedVisits > 0 && <span className="chip chip-returned">{o.vendor.openReturnedVisits} berkas dikembalikan</span>}
                </>
              ) : (
                <>
                  <span className="lookup-kind">Pemohon</span>
                  <strong>{o.person.name}</strong>
                  <span className="muted">
                    {' '}
                    · NIK {o.person.nik ?? '—'}
                    {o.person.companyName ? ` · ${o.person.companyName}` : ''}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {failed && failed.q === query.trim() && (
        <p className="lookup-error" role="alert" data-testid="lookup-error">
          Pencarian gagal: {failed.message} Tekan Enter untuk mencoba lagi.
        </p>
      )}
    </div>
  );
}

function optionsOf(found: Found | null): LookupPick[] {
  return [...(found?.vendors ?? []).map((vendor) => ({ kind: 'vendor' as const, vendor })), ...(found?.persons ?? []).map((person) => ({ kind: 'person' as const, person }))];
}
