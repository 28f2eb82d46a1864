/**
 * The working-day calendar (supervisor): whether each year is set (its decree entered) or provisional
 * (holidays computed, *perkiraan*), the holidays of a year, adding and removing a day (a past day only with
 * a reason), counter hours from a date on (Ramadan hours for a period), importing a decree with a preview
 * of everything added, changed and removed and an explicit choice of merge or replace, and the history of
 * every change. Issue 9.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CalendarImportResult, CalendarView } from '../../../contract/calendar';
import { call } from '../api';
import '../desks/desks.css';
import { useApp } from '../store';
import { Field } from '../ui/Field';
import { fmtDateTime, fmtIsoDate } from '../ui/format';
import { notifyCalendarChanged } from './CalendarNotice';
import { sentence } from '../../../domain/sentence';
import { asyncHandler } from '../ui/async-handler';

const KIND_LABEL: Record<string, string> = { libur_nasional: 'Libur nasional', cuti_bersama: 'Cuti bersama', lainnya: 'Lainnya' };
type Kind = 'libur_nasional' | 'cuti_bersama' | 'lainnya';
type Mode = 'replace_years' | 'merge';

function HoursCard(props: { cal: CalendarView; onSaved: (c: CalendarView) => void }) {
  const toast = useApp((s) => s.toast);
  const [hours, setHours] = useState(props.cal.hours);
  const [from, setFrom] = useState(props.cal.today);
  const [until, setUntil] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setHours(props.cal.hours), [props.cal]);
  const set = (i: number, patch: Partial<CalendarView['hours'][number]>) => setHours(hours.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const periods = props.cal.hoursPeriods.filter((p) => !p.past);
  return (
    <section className="card" data-testid="hours-card">
      <div className="card-head">
        <h2>Jam layanan loket</h2>
        <span className="muted">WITA · berlaku hari ini</span>
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
      <div className="desk-actions" style={{ alignItems: 'flex-end' }}>
        <Field label="Berlaku mulai">{(id) => <input id={id} type="date" min={props.cal.today} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="hours-from" />}</Field>
        <Field label="Sampai (kosongkan bila seterusnya)">{(id) => <input id={id} type="date" min={from} value={until} onChange={(e) => setUntil(e.target.value)} data-testid="hours-until" />}</Field>
        <Field label="Keterangan" className="grow">
          {(id) => <input id={id} value={label} placeholder="mis. Jam layanan Ramadan 1448 H" onChange={(e) => setLabel(e.target.value)} />}
        </Field>
      </div>
      <p className="muted small">Jam layanan tidak pernah diubah untuk hari yang sudah lewat: perhitungan jangka waktu sebelumnya tetap.</p>
      {error && <div className="banner banner-error">{error}</div>}
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          onClick={asyncHandler(async () => {
            const r = await call('calendar.setHours', {
              hours: hours.map((h) => ({ weekday: h.weekday, open: h.open, close: h.close })),
              effectiveFrom: from,
              effectiveUntil: until || null,
              ...(label.trim() ? { label: label.trim() } : {}),
            });
            if (r.ok) {
              setError(null);
              toast('success', `Jam layanan disimpan, berlaku mulai ${fmtIsoDate(from)}${until ? ` sampai ${fmtIsoDate(until)}` : ''}.`);
              props.onSaved(r.value);
              notifyCalendarChanged();
            } else setError(r.error.issues?.[0]?.message ?? r.error.message);
          })}
        >
          Simpan jam layanan
        </button>
      </div>
      {periods.length > 0 && (
        <>
          <h3 className="small">Perubahan jam layanan yang berlaku atau akan berlaku</h3>
          <ul className="calendar-history small">
            {periods.map((p, i) => (
              <li key={`${p.weekday}-${p.from}-${i}`}>
                {p.dayName}: {p.open ? `${p.open}–${p.close}` : 'tutup'} · {p.until ? `${fmtIsoDate(p.from)} s.d. ${fmtIsoDate(p.until)}` : `mulai ${fmtIsoDate(p.from)}`}
                {p.label ? ` (${p.label})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DiffList(props: { preview: CalendarImportResult }) {
  const p = props.preview;
  return (
    <div className="import-diff" data-testid="calendar-import-diff">
      <h3>Ditambah ({p.added.length})</h3>
      {p.added.length === 0 ? (
        <p className="muted small">—</p>
      ) : (
        <ul data-testid="import-added">
          {p.added.map((h) => (
            <li key={h.date} className="added">
              + {fmtIsoDate(h.date)}: {h.name} ({KIND_LABEL[h.kind]})
            </li>
          ))}
        </ul>
      )}
      <h3>Diubah ({p.changed.length})</h3>
      {p.changed.length === 0 ? (
        <p className="muted small">—</p>
      ) : (
        <ul data-testid="import-changed">
          {p.changed.map((c) => (
            <li key={c.date}>
              ~ {fmtIsoDate(c.date)}: {c.before.name}
              {c.before.provisional ? ' (perkiraan)' : ''} → {c.after.name} ({KIND_LABEL[c.after.kind]})
            </li>
          ))}
        </ul>
      )}
      <h3>Dihapus, menjadi hari kerja ({p.removed.length})</h3>
      {p.removed.length === 0 ? (
        <p className="muted small">Tidak ada hari libur yang dihapus.</p>
      ) : (
        <ul data-testid="import-removed">
          {p.removed.map((h) => (
            <li key={h.date} className="removed">
              − {fmtIsoDate(h.date)}: {h.name}
              {h.provisional ? ' (perkiraan)' : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportCard(props: { onImported: (year: number) => void }) {
  const toast = useApp((s) => s.toast);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState<'json' | 'csv'>('csv');
  // No default: replacing a year is never chosen by omission.
  const [mode, setMode] = useState<Mode | null>(null);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<CalendarImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => setPreview(null);
  const source = fileName ? `Impor ${fileName}` : undefined;

  async function check() {
    if (!mode) return setError('Pilih cara impor: gabungkan, atau ganti seluruh tahun.');
    const r = await call('calendar.import', { format, text, mode, dryRun: true, ...(source ? { source } : {}) });
    if (!r.ok) {
      setPreview(null);
      setError(r.error.message);
      return;
    }
    setError(null);
    setPreview(r.value);
  }

  async function apply() {
    if (!mode || !preview) return;
    const r = await call('calendar.import', { format, text, mode, dryRun: false, revision: preview.revision, ...(source ? { source } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (!r.ok) {
      setError(r.error.issues?.[0]?.message ?? r.error.message);
      return;
    }
    setError(null);
    setPreview(null);
    setText('');
    setFileName(null);
    setReason('');
    setMode(null);
    toast('success', r.value.recorded ? `Kalender tahun ${r.value.years.join(', ')} diperbarui.` : 'Tidak ada perubahan.');
    notifyCalendarChanged();
    props.onImported(r.value.years[0] ?? 0);
  }

  return (
    <section className="card" data-testid="calendar-import">
      <div className="card-head">
        <h2>Impor hari libur (SKB)</h2>
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
          onChange={asyncHandler(async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setFileName(f.name);
            setFormat(f.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
            setText(await f.text());
            reset();
          })}
        />
        <select value={format} onChange={(e) => (setFormat(e.target.value as 'json' | 'csv'), reset())} aria-label="Format" style={{ width: 'auto' }}>
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </select>
      </div>
      <fieldset className="radio-row" data-testid="calendar-import-mode">
        <legend className="small">Cara impor</legend>
        <label>
          <input type="radio" name="cal-import-mode" value="merge" checked={mode === 'merge'} onChange={() => (setMode('merge'), reset())} /> Gabungkan: hanya tanggal dalam berkas yang ditambah atau diubah
        </label>
        <label>
          <input type="radio" name="cal-import-mode" value="replace_years" checked={mode === 'replace_years'} onChange={() => (setMode('replace_years'), reset())} /> Ganti seluruh tahun: berkas adalah SKB lengkap tahun tersebut (tahun
          ditetapkan)
        </label>
      </fieldset>
      <div className="field" style={{ marginTop: 8 }}>
        <label htmlFor="cal-import-text">Isi berkas (dapat juga ditempel di sini)</label>
        <textarea id="cal-import-text" rows={5} value={text} onChange={(e) => (setText(e.target.value), reset())} data-testid="calendar-import-text" />
      </div>
      {error && (
        <div className="banner banner-error" style={{ whiteSpace: 'pre-line', display: 'block' }} role="alert" data-testid="calendar-import-error">
          {error}
        </div>
      )}
      {preview && (
        <div className="banner banner-warn" style={{ display: 'block' }} data-testid="calendar-import-preview">
          <strong>
            Pratinjau: {preview.count} hari libur tahun {preview.years.join(', ')} — {preview.added.length} ditambah, {preview.changed.length} diubah, {preview.removed.length} dihapus.
          </strong>
          {preview.yearsSet.length > 0 && <div>Tahun {preview.yearsSet.join(', ')} menjadi ditetapkan: hari libur perkiraan diganti isi berkas.</div>}
          <DiffList preview={preview} />
          {preview.pastDates.length > 0 && (
            <Field label={`Alasan (mengubah tanggal yang sudah lewat: ${preview.pastDates.map(fmtIsoDate).join(', ')})`}>
              {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="calendar-import-reason" />}
            </Field>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" disabled={!text.trim()} onClick={() => void check()} data-testid="calendar-import-check">
          Periksa
        </button>
        <button type="button" className="primary" disabled={!preview} onClick={() => void apply()} data-testid="calendar-import-confirm">
          Impor
        </button>
      </div>
    </section>
  );
}

function YearStatus(props: { cal: CalendarView }) {
  const s = props.cal.yearStatus;
  return (
    <div className="year-status" data-testid="year-status">
      {s.status === 'set' ? (
        <span className="chip chip-completed">Ditetapkan{s.source ? `: ${s.source}` : ''}</span>
      ) : (
        <span className="chip chip-provisional">Perkiraan — SKB {s.year} belum dimasukkan</span>
      )}
      {s.missing.length > 0 && <span className="muted small">Belum dapat diperkirakan: {s.missing.join(', ')}</span>}
    </div>
  );
}

export function CalendarScreen(props: { params?: Record<string, string> }) {
  const toast = useApp((s) => s.toast);
  const [year, setYear] = useState<number | null>(() => (props.params?.year ? Number(props.params.year) : null));
  const [cal, setCal] = useState<CalendarView | null>(null);
  const [form, setForm] = useState<{ date: string; name: string; kind: Kind; reason: string }>({ date: '', name: '', kind: 'lainnya', reason: '' });
  const [removing, setRemoving] = useState<{ date: string; reason: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('calendar.get', year === null ? {} : { year });
    if (!r.ok) return;
    // The first read (no year) learns today's year from the backend's clock, then reads that year.
    if (year === null) setYear(Number(r.value.today.slice(0, 4)));
    else setCal(r.value);
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!cal || year === null) return <p className="muted">Memuat kalender…</p>;
  const thisYear = Number(cal.today.slice(0, 4));
  const years = [...new Set([...cal.years, year, thisYear - 1, thisYear, thisYear + 1])].sort();
  const changed = (c: CalendarView) => {
    setCal(c);
    notifyCalendarChanged();
  };

  async function remove(date: string, reason: string) {
    const r = await call('calendar.removeHoliday', { date, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (r.ok) {
      setRemoving(null);
      changed(r.value);
      toast('success', `${fmtIsoDate(date)} kini hari kerja.`);
    } else if (r.error.issues?.[0]?.path === 'reason') setRemoving({ date, reason });
    else toast('error', r.error.message);
  }

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
          <YearStatus cal={cal} />
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
                  <tr key={h.date} data-provisional={h.provisional ? 'true' : undefined}>
                    <td className="nowrap">{fmtIsoDate(h.date)}</td>
                    <td>
                      {h.name}
                      {h.provisional && <span className="chip chip-provisional">perkiraan</span>}
                    </td>
                    <td>
                      <span className={`chip ${h.kind === 'cuti_bersama' ? 'chip-waiting_vendor' : h.kind === 'lainnya' ? 'chip-at_lkpp' : 'chip-rejected'}`}>{KIND_LABEL[h.kind]}</span>
                    </td>
                    <td>
                      {removing?.date === h.date ? (
                        <form
                          className="desk-actions"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void remove(h.date, removing.reason);
                          }}
                        >
                          <label htmlFor={`remove-reason-${h.date}`} className="small">
                            Alasan (tanggal sudah lewat)
                          </label>
                          <input id={`remove-reason-${h.date}`} value={removing.reason} onChange={(e) => setRemoving({ date: h.date, reason: e.target.value })} autoFocus />
                          <button type="submit" className="small-btn">
                            Hapus
                          </button>
                          <button type="button" className="small-btn" onClick={() => setRemoving(null)}>
                            Batal
                          </button>
                        </form>
                      ) : (
                        <button type="button" className="small-btn" aria-label={`Hapus ${h.date}`} onClick={() => (h.date < cal.today ? setRemoving({ date: h.date, reason: '' }) : void remove(h.date, ''))}>
                          Hapus
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="desk-actions"
            style={{ marginTop: 12, alignItems: 'flex-end' }}
            onSubmit={asyncHandler(async (e) => {
              e.preventDefault();
              const { reason, ...rest } = form;
              const r = await call('calendar.addHoliday', { ...rest, ...(reason.trim() ? { reason: reason.trim() } : {}) });
              if (r.ok) {
                setError(null);
                setForm({ date: '', name: '', kind: 'lainnya', reason: '' });
                toast('success', 'Hari libur ditambahkan.');
                const y = Number(form.date.slice(0, 4));
                notifyCalendarChanged();
                if (y === year) setCal(r.value);
                else setYear(y);
              } else setError(r.error.issues?.[0]?.message ?? r.error.message);
            })}
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
            {form.date !== '' && form.date < cal.today && (
              <Field label="Alasan (tanggal sudah lewat)" className="grow">
                {(id) => <input id={id} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} data-testid="holiday-reason" />}
              </Field>
            )}
            <button className="primary" style={{ marginBottom: 8 }} data-testid="holiday-add">
              Tambah
            </button>
          </form>
          {error && (
            <div className="banner banner-error" role="alert">
              {error}
            </div>
          )}
        </section>
        <div>
          <HoursCard cal={cal} onSaved={(c) => setCal({ ...c, holidays: cal.holidays, yearStatus: cal.yearStatus })} />
          <ImportCard onImported={(y) => (y === year || y === 0 ? void load() : setYear(y))} />
          <section className="card" data-testid="calendar-history">
            <div className="card-head">
              <h2>Riwayat perubahan kalender</h2>
            </div>
            <ul className="calendar-history small">
              {cal.history.map((c, i) => (
                <li key={`${c.at}-${i}`}>
                  <span className="muted">
                    {fmtDateTime(c.at)} · {c.byName ?? 'data awal'}
                  </span>
                  <div>
                    {c.summary}
                    {c.affectsPast && <span className="chip chip-waiting_vendor">mengubah hari yang sudah lewat</span>}
                  </div>
                  {c.reason && <div className="muted">Alasan: {c.reason}</div>}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
