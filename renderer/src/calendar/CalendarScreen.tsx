/**
 * The working-day calendar (supervisor): counter hours per weekday, the holidays of a year (libur nasional,
 * cuti bersama, local closures), adding and removing a day, and importing a year's decree from JSON or CSV
 * with a preview before anything is recorded. Deadlines of the service clock follow every change.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CalendarView } from '../../../contract/calendar';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import '../desks/desks.css';
import { useApp } from '../store';
import { Field } from '../ui/Field';
import { fmtIsoDate } from '../ui/format';
import { sentence } from '../../../domain/sentence';

const KIND_LABEL: Record<string, string> = { libur_nasional: 'Libur nasional', cuti_bersama: 'Cuti bersama', lainnya: 'Lainnya' };
type Kind = 'libur_nasional' | 'cuti_bersama' | 'lainnya';

function HoursCard(props: { cal: CalendarView; onSaved(c: CalendarView): void }) {
  const toast = useApp((s) => s.toast);
  const [hours, setHours] = useState(props.cal.hours);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setHours(props.cal.hours), [props.cal]);
  const set = (i: number, patch: Partial<CalendarView['hours'][number]>) => setHours(hours.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <section className="card">
      <div className="card-head">
        <h2>Jam layanan loket</h2>
        <span className="muted">WITA</span>
      </div>
      <table className="table static hours-table">
        <thead>
          <tr>
            <th>Hari</th>
            <th>Buka</th>
            <th>Jam buka</th>
            <th>Jam tutup</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h, i) => (
            <tr key={h.weekday}>
              <td>{h.dayName}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${h.dayName} buka`}
                  checked={h.open !== null}
                  onChange={(e) => set(i, e.target.checked ? { open: '07:30', close: '16:00' } : { open: null, close: null })}
                />
              </td>
              <td>
                {h.open !== null && <input className="hhmm" inputMode="numeric" placeholder="JJ:MM" aria-label={`Jam buka ${h.dayName}`} value={h.open} onChange={(e) => set(i, { open: e.target.value })} />}
              </td>
              <td>
                {h.close !== null && <input className="hhmm" inputMode="numeric" placeholder="JJ:MM" aria-label={`Jam tutup ${h.dayName}`} value={h.close} onChange={(e) => set(i, { close: e.target.value })} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <div className="banner banner-error">{error}</div>}
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            const r = await call('calendar.setHours', { hours: hours.map((h) => ({ weekday: h.weekday, open: h.open, close: h.close })) });
            if (r.ok) {
              setError(null);
              toast('success', 'Jam layanan disimpan.');
              props.onSaved(r.value);
            } else setError(r.error.issues?.[0]?.message ?? r.error.message);
          }}
        >
          Simpan jam layanan
        </button>
      </div>
    </section>
  );
}

function ImportCard(props: { onImported(year: number): void }) {
  const toast = useApp((s) => s.toast);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState<'json' | 'csv'>('csv');
  const [mode, setMode] = useState<'replace_years' | 'merge'>('replace_years');
  const [preview, setPreview] = useState<OutputOf<'calendar.import'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(dryRun: boolean) {
    const r = await call('calendar.import', { format, text, mode, dryRun, ...(fileName ? { source: `Impor ${fileName}` } : {}) });
    if (!r.ok) {
      setPreview(null);
      setError(r.error.message);
      return;
    }
    setError(null);
    if (dryRun) setPreview(r.value);
    else {
      setPreview(null);
      setText('');
      setFileName(null);
      toast('success', r.value.recorded ? `${r.value.count} hari libur tahun ${r.value.years.join(', ')} diimpor.` : 'Tidak ada perubahan.');
      props.onImported(r.value.years[0] ?? new Date().getFullYear());
    }
  }

  return (
    <section className="card" data-testid="calendar-import">
      <div className="card-head">
        <h2>Impor hari libur satu tahun</h2>
      </div>
      <p className="muted small">
        CSV: satu baris per hari, <code>tanggal,nama,jenis</code> (jenis: libur_nasional, cuti_bersama, lainnya). JSON: bentuk data awal <code>{'{ "years": … }'}</code> atau daftar{' '}
        <code>[{'{ "date", "name", "kind" }'}]</code>.
      </p>
      <div className="desk-actions">
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-label="Pilih berkas"
          style={{ width: 'auto' }}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setFileName(f.name);
            setFormat(f.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
            setText(await f.text());
            setPreview(null);
          }}
        />
        <select value={format} onChange={(e) => setFormat(e.target.value as 'json' | 'csv')} aria-label="Format" style={{ width: 'auto' }}>
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
        <select value={mode} onChange={(e) => setMode(e.target.value as 'replace_years' | 'merge')} aria-label="Cara impor" style={{ width: 'auto' }}>
          <option value="replace_years">Ganti seluruh daftar tahun tersebut</option>
          <option value="merge">Gabungkan (hanya tanggal dalam berkas)</option>
        </select>
      </div>
      <div className="field" style={{ marginTop: 8 }}>
        <label htmlFor="cal-import-text">Isi berkas (dapat juga ditempel di sini)</label>
        <textarea id="cal-import-text" rows={5} value={text} onChange={(e) => (setText(e.target.value), setPreview(null))} data-testid="calendar-import-text" />
      </div>
      {error && (
        <div className="banner banner-error" style={{ whiteSpace: 'pre-line', display: 'block' }} data-testid="calendar-import-error">
          {error}
        </div>
      )}
      {preview && (
        <div className="banner banner-ok" data-testid="calendar-import-preview">
          {preview.count} hari libur tahun {preview.years.join(', ')}: {preview.added.length} ditambah/diubah, {preview.removed.length} dihapus.
          {preview.removed.length > 0 && <div className="small">Dihapus: {preview.removed.map((h) => `${h.date} ${h.name}`).join('; ')}</div>}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" disabled={!text.trim()} onClick={() => void run(true)}>
          Periksa
        </button>
        <button type="button" className="primary" disabled={!preview} onClick={() => void run(false)} data-testid="calendar-import-confirm">
          Impor
        </button>
      </div>
    </section>
  );
}

export function CalendarScreen() {
  const toast = useApp((s) => s.toast);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [cal, setCal] = useState<CalendarView | null>(null);
  const [form, setForm] = useState<{ date: string; name: string; kind: Kind }>({ date: '', name: '', kind: 'lainnya' });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('calendar.get', { year });
    if (r.ok) setCal(r.value);
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!cal) return <p className="muted">Memuat kalender…</p>;
  const years = [...new Set([...cal.years, year, new Date().getFullYear() + 1])].sort();

  return (
    <div data-testid="calendar-screen">
      <h1>Kalender Kerja</h1>
      <p className="muted">
        Hari kerja dan jam layanan menentukan jangka waktu setiap layanan. {cal.updatedByName ? sentence(`Terakhir diubah oleh ${cal.updatedByName}`) : 'Data awal: SKB 3 Menteri 2025–2026.'}
      </p>
      <div className="cal-grid">
        <section className="card">
          <div className="card-head">
            <h2>Hari libur {year}</h2>
            <span className="year-pick">
              <label htmlFor="cal-year" className="muted small">
                Tahun
              </label>
              <select id="cal-year" value={year} onChange={(e) => setYear(Number(e.target.value))} style={{ width: 'auto' }}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </span>
          </div>
          {cal.holidays.length === 0 ? (
            <p className="empty">Belum ada hari libur tercatat untuk tahun {year}.</p>
          ) : (
            <table className="table static" data-testid="holiday-table">
              <thead>
                <tr>
                  <th>Tanggal</th>
                  <th>Keterangan</th>
                  <th>Jenis</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {cal.holidays.map((h) => (
                  <tr key={h.date}>
                    <td className="nowrap">{fmtIsoDate(h.date)}</td>
                    <td>{h.name}</td>
                    <td>
                      <span className={`chip ${h.kind === 'cuti_bersama' ? 'chip-waiting_vendor' : h.kind === 'lainnya' ? 'chip-at_lkpp' : 'chip-rejected'}`}>{KIND_LABEL[h.kind]}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="small-btn"
                        aria-label={`Hapus ${h.date}`}
                        onClick={async () => {
                          const r = await call('calendar.removeHoliday', { date: h.date });
                          if (r.ok) {
                            setCal(r.value);
                            toast('success', `${fmtIsoDate(h.date)} kini hari kerja.`);
                          } else toast('error', r.error.message);
                        }}
                      >
                        Hapus
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="desk-actions"
            style={{ marginTop: 12, alignItems: 'flex-end' }}
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await call('calendar.addHoliday', form);
              if (r.ok) {
                setError(null);
                setForm({ date: '', name: '', kind: 'lainnya' });
                toast('success', 'Hari libur ditambahkan.');
                const y = Number(form.date.slice(0, 4));
                if (y === year) setCal(r.value);
                else setYear(y);
              } else setError(r.error.issues?.[0]?.message ?? r.error.message);
            }}
          >
            <Field label="Tanggal">{(id) => <input id={id} type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} data-testid="holiday-date" />}</Field>
            <Field label="Keterangan" className="grow">
              {(id) => <input id={id} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="holiday-name" />}
            </Field>
            <Field label="Jenis">
              {(id) => (
                <select id={id} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })} style={{ width: 'auto' }}>
                  {Object.entries(KIND_LABEL).map(([k, l]) => (
                    <option key={k} value={k}>
                      {l}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button className="primary" style={{ marginBottom: 8 }} data-testid="holiday-add">
              Tambah
            </button>
          </form>
          {error && <div className="banner banner-error">{error}</div>}
        </section>
        <div>
          <HoursCard cal={cal} onSaved={(c) => setCal({ ...c, holidays: cal.holidays })} />
          <ImportCard onImported={(y) => (y === year ? void load() : setYear(y))} />
        </div>
      </div>
    </div>
  );
}
