/**
 * Entri kuesioner kertas: paper questionnaires typed on a keyboard grid, one row per form. Digits 1–4 in an
 * answer cell fill it and move on (0, - or Space: not answered); L/P in the sex cell; Enter goes to the next
 * row (a new one at the end); Ctrl+S saves every row at once, or none when one is wrong. The grid survives
 * switching screens until it is saved. Also the CSV import of a whole spreadsheet.
 */
import { useEffect, useRef, useState } from 'react';
import type { Catalogue } from '../../../domain/catalogue/types';
import type { PaperRowInput } from '../../../contract/survey';
import { EDUCATIONS, ELEMENTS, OCCUPATIONS, OCCUPATION_LABEL, type AnswerValue, type ElementCode } from '../../../domain/survey/questionnaire';
import { call } from '../api';
import { useApp } from '../store';
import './survey.css';
import { asyncHandler } from '../ui/async-handler';

interface Row {
  day: string;
  serviceCode: string;
  sex: string;
  age: string;
  education: string;
  occupation: string;
  u: string[];
}

const CELLS = 6 + ELEMENTS.length;
const emptyRow = (day: string, serviceCode: string): Row => ({ day, serviceCode, sex: '', age: '', education: '', occupation: '', u: ELEMENTS.map(() => '') });

// Kept across screen switches until saved: a stack of forms is not typed in one sitting.
let draft: Row[] | null = null;

function rowProblems(r: Row, today: string): string[] {
  const p: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.day)) p.push('tanggal TTTT-BB-HH');
  else if (r.day > today) p.push('tanggal sesudah hari ini');
  if (!r.serviceCode) p.push('layanan');
  if (r.sex && !['L', 'P'].includes(r.sex)) p.push('jenis kelamin L/P');
  if (r.age && !(Number(r.age) >= 10 && Number(r.age) <= 120)) p.push('usia 10–120');
  if (r.u.every((x) => x === '')) p.push('belum ada jawaban');
  return p;
}

function isBlank(r: Row): boolean {
  return !r.sex && !r.age && !r.education && !r.occupation && r.u.every((x) => x === '');
}

function toInput(r: Row): PaperRowInput {
  return {
    day: r.day,
    serviceCode: r.serviceCode,
    sex: r.sex === 'L' || r.sex === 'P' ? r.sex : null,
    age: r.age ? Number(r.age) : null,
    education: (r.education || null) as PaperRowInput['education'],
    occupation: (r.occupation || null) as PaperRowInput['occupation'],
    answers: Object.fromEntries(ELEMENTS.map((e, i) => [e.code, r.u[i] ? (Number(r.u[i]) as AnswerValue) : null])) as Record<ElementCode, AnswerValue | null>,
  };
}

export function PaperEntryScreen() {
  const status = useApp((s) => s.status);
  const toast = useApp((s) => s.toast);
  const today = status?.today ?? new Date().toISOString().slice(0, 10);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [rows, setRows] = useState<Row[]>(() => draft ?? [emptyRow(today, '')]);
  const [errors, setErrors] = useState<Map<number, string[]>>(new Map());
  const [saving, setSaving] = useState(false);
  const grid = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    void call('catalogue.active', {}).then((r) => r.ok && setCatalogue(r.value));
  }, []);
  useEffect(() => {
    draft = rows;
  }, [rows]);

  const cell = (row: number, col: number) => grid.current?.querySelector<HTMLElement>(`[data-cell="${row}-${col}"]`) ?? null;
  const focusSeq = useRef(0);
  const focus = (row: number, col: number) => {
    const seq = ++focusSeq.current;
    const go = (el: HTMLElement | null) => {
      el?.focus();
      if (el instanceof HTMLInputElement) el.select();
      return !!el;
    };
    // At once, so the next key a fast typist presses lands in the next cell; a row being added is focused
    // once it is rendered — unless the typist has moved on meanwhile.
    if (!go(cell(row, col))) requestAnimationFrame(() => seq === focusSeq.current && go(cell(row, col)));
  };
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const nextRow = (i: number) => {
    // Checked against the latest rows (a key pressed before the last render must not add a second row).
    setRows((rs) => (i + 1 >= rs.length ? [...rs, emptyRow(rs[i]!.day, rs[i]!.serviceCode)] : rs));
    // A new form starts at the profile: date and service usually repeat.
    focus(i + 1, 2);
  };
  const move = (i: number, col: number) => {
    if (col >= CELLS) nextRow(i);
    else if (col < 0) {
      if (i > 0) focus(i - 1, CELLS - 1);
    } else focus(i, col);
  };

  /** Keys shared by every cell: Enter (next row), arrows between cells, Ctrl+S. */
  const common = (e: React.KeyboardEvent, i: number, col: number): boolean => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S' || e.key === 'Enter')) {
      e.preventDefault();
      void save();
      return true;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter on a form not yet begun (the row the last answer moved to) stays there.
      if (!isBlank(rows[i]!) || i + 1 < rows.length) nextRow(i);
      return true;
    }
    if (e.key === 'ArrowDown' && !(e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      if (i + 1 < rows.length) focus(i + 1, col);
      return true;
    }
    if (e.key === 'ArrowUp' && !(e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      if (i > 0) focus(i - 1, col);
      return true;
    }
    return false;
  };

  // The rows as last rendered, for the end of a save: what was typed while it ran is read there.
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  const savingNow = useRef(false);

  async function save() {
    // Ctrl+S again while a save runs would record the same questionnaires twice: the button says "Menyimpan…".
    if (savingNow.current) return;
    const filled = rows.map((r, i) => ({ r, i })).filter(({ r }) => !isBlank(r));
    if (filled.length === 0) return toast('error', 'Belum ada kuesioner yang diisi.');
    const local = new Map<number, string[]>();
    for (const { r, i } of filled) {
      const p = rowProblems(r, today);
      if (p.length) local.set(i, p.map((x) => `periksa ${x}`));
    }
    setErrors(local);
    if (local.size > 0) return toast('error', `${local.size} baris belum benar; tidak ada yang disimpan.`);
    savingNow.current = true;
    setSaving(true);
    const res = await call('survey.recordPaper', { rows: filled.map(({ r }) => toInput(r)) });
    savingNow.current = false;
    setSaving(false);
    if (!res.ok) {
      const server = new Map<number, string[]>();
      for (const issue of res.error.issues ?? []) {
        const m = /^rows\.(\d+)/.exec(issue.path);
        const at = m ? filled[Number(m[1])]?.i : undefined;
        if (at !== undefined) server.set(at, [...(server.get(at) ?? []), issue.message]);
      }
      setErrors(server);
      return toast('error', res.error.message);
    }
    // The saved rows leave the grid; the next questionnaire a fast typist began while the save ran stays,
    // and so does the focus in it. A saved row changed meanwhile was saved as it was when Ctrl+S was pressed.
    const saved = new Set(filled.map(({ i }) => i));
    const now = rowsNow.current;
    const changed = filled.filter(({ r, i }) => now[i] !== r).map(({ i }) => i + 1);
    const kept = now.filter((_, i) => !saved.has(i));
    const last = now[now.length - 1]!;
    const next = kept.some((r) => !isBlank(r)) ? kept : [emptyRow(last.day, last.serviceCode)];
    const at = /^(\d+)-(\d+)$/.exec(document.activeElement?.getAttribute('data-cell') ?? '');
    const row = at ? Number(at[1]) : -1;
    // The draft kept for when the typist comes back loses the saved rows now, even if this screen was left
    // while the save ran (its state is gone then, and the rows would be offered, and recorded, again).
    draft = next;
    setRows(next);
    setErrors(new Map());
    toast('success', `${res.value.recorded} kuesioner kertas tersimpan.`);
    if (changed.length > 0) toast('info', `Baris ${changed.join(', ')} diubah selama penyimpanan; yang tersimpan adalah isian saat Ctrl+S ditekan.`);
    if (next === kept && at && row >= 0 && !saved.has(row)) focus(row - filled.filter(({ i }) => i < row).length, Number(at[2]));
    else focus(0, 2);
  }

  const services = catalogue?.services.filter((s) => s.active) ?? [];

  return (
    <div data-testid="paper-screen">
      <div className="card-head">
        <h1>Entri Kuesioner Kertas</h1>
      </div>
      <section className="card">
        <p className="paper-keys">
          Satu baris satu kuesioner. Ketik <kbd>1</kbd>–<kbd>4</kbd> pada kolom jawaban (pindah otomatis), <kbd>0</kbd>/<kbd>-</kbd>/<kbd>Spasi</kbd> bila tidak
          dijawab, <kbd>L</kbd>/<kbd>P</kbd> untuk jenis kelamin, <kbd>Enter</kbd> ke baris berikutnya, <kbd>Ctrl+S</kbd> menyimpan semua. Kolom U disusun menurut
          kode unsur: pada formulir contoh PermenPANRB 14/2017, sarana prasarana (U9) adalah pertanyaan nomor 8 dan pengaduan (U8) nomor 9.
        </p>
        <div className="table-scroll">
          <table className="paper-grid" data-testid="paper-grid">
            <thead>
              <tr>
                <th>#</th>
                <th>Tanggal</th>
                <th>Layanan</th>
                <th>JK</th>
                <th>Usia</th>
                <th>Pendidikan</th>
                <th>Pekerjaan</th>
                {ELEMENTS.map((e) => (
                  <th key={e.code} title={`${e.name} (pertanyaan nomor ${e.formNo} pada formulir contoh)`}>
                    {e.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody ref={grid}>
              {rows.map((r, i) => (
                <tr key={i} className={errors.has(i) ? 'bad' : ''} data-testid={`paper-row-${i}`}>
                  <td className="n">{i + 1}</td>
                  <td>
                    <input className="day" data-cell={`${i}-0`} aria-label={`Baris ${i + 1}: tanggal`} value={r.day} onChange={(e) => update(i, { day: e.target.value.trim() })} onKeyDown={(e) => common(e, i, 0)} />
                  </td>
                  <td>
                    <select className="service" data-cell={`${i}-1`} aria-label={`Baris ${i + 1}: layanan`} value={r.serviceCode} onChange={(e) => update(i, { serviceCode: e.target.value })} onKeyDown={(e) => common(e, i, 1)}>
                      <option value="">Pilih…</option>
                      {services.map((s) => (
                        <option key={s.code} value={s.code}>
                          {s.number}. {s.shortName}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="sex"
                      data-cell={`${i}-2`}
                      aria-label={`Baris ${i + 1}: jenis kelamin (L/P)`}
                      value={r.sex}
                      readOnly
                      onKeyDown={(e) => {
                        if (common(e, i, 2)) return;
                        const k = e.key.toUpperCase();
                        if (k === 'L' || k === 'P') {
                          e.preventDefault();
                          update(i, { sex: k });
                          move(i, 3);
                        } else if (e.key === '-' || e.key === ' ' || e.key === '0') {
                          e.preventDefault();
                          update(i, { sex: '' });
                          move(i, 3);
                        } else if (e.key === 'Backspace') {
                          e.preventDefault();
                          if (r.sex) update(i, { sex: '' });
                          else move(i, 1);
                        }
                      }}
                    />
                  </td>
                  <td>
                    <input
                      className="age"
                      inputMode="numeric"
                      data-cell={`${i}-3`}
                      aria-label={`Baris ${i + 1}: usia (tahun)`}
                      value={r.age}
                      onChange={(e) => {
                        const v = e.target.value.replace(/\D/g, '').slice(0, 3);
                        update(i, { age: v });
                        if (v.length === 2 && Number(v) >= 10) move(i, 4);
                      }}
                      onKeyDown={(e) => {
                        if (common(e, i, 3)) return;
                        if (e.key === '-' || e.key === ' ') {
                          e.preventDefault();
                          update(i, { age: '' });
                          move(i, 4);
                        }
                      }}
                    />
                  </td>
                  <td>
                    <select className="edu" data-cell={`${i}-4`} aria-label={`Baris ${i + 1}: pendidikan`} value={r.education} onChange={(e) => update(i, { education: e.target.value })} onKeyDown={(e) => common(e, i, 4)}>
                      <option value="">–</option>
                      {EDUCATIONS.map((x) => (
                        <option key={x} value={x}>
                          {x}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select className="occ" data-cell={`${i}-5`} aria-label={`Baris ${i + 1}: pekerjaan`} value={r.occupation} onChange={(e) => update(i, { occupation: e.target.value })} onKeyDown={(e) => common(e, i, 5)}>
                      <option value="">–</option>
                      {OCCUPATIONS.map((x) => (
                        <option key={x} value={x}>
                          {OCCUPATION_LABEL[x]}
                        </option>
                      ))}
                    </select>
                  </td>
                  {ELEMENTS.map((el, j) => (
                    <td key={el.code}>
                      <input
                        className="u"
                        inputMode="numeric"
                        data-cell={`${i}-${6 + j}`}
                        aria-label={`Baris ${i + 1}: ${el.code} ${el.name}`}
                        value={r.u[j]}
                        readOnly
                        onKeyDown={(e) => {
                          if (common(e, i, 6 + j)) return;
                          const set = (v: string) => update(i, { u: r.u.map((x, k) => (k === j ? v : x)) });
                          if (/^[1-4]$/.test(e.key)) {
                            e.preventDefault();
                            set(e.key);
                            move(i, 7 + j);
                          } else if (e.key === '0' || e.key === '-' || e.key === ' ') {
                            e.preventDefault();
                            set('');
                            move(i, 7 + j);
                          } else if (e.key === 'Backspace') {
                            e.preventDefault();
                            if (r.u[j]) set('');
                            else move(i, 5 + j);
                          } else if (e.key === 'ArrowLeft') {
                            e.preventDefault();
                            move(i, 5 + j);
                          } else if (e.key === 'ArrowRight') {
                            e.preventDefault();
                            move(i, 7 + j);
                          }
                        }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {errors.size > 0 && (
          <ul className="paper-errors" data-testid="paper-errors">
            {[...errors.entries()].map(([i, msgs]) => (
              <li key={i}>
                Baris {i + 1}: {msgs.join('; ')}
              </li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          <span className="muted small">{rows.filter((r) => !isBlank(r)).length} kuesioner di layar</span>
          <button type="button" className="secondary" onClick={() => setRows((rs) => [...rs, emptyRow(rs[rs.length - 1]!.day, rs[rs.length - 1]!.serviceCode)])}>
            Tambah baris
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()} data-testid="paper-save">
            {saving ? 'Menyimpan…' : 'Simpan semua (Ctrl+S)'}
          </button>
        </div>
      </section>
      <CsvImport />
    </div>
  );
}

function CsvImport() {
  const toast = useApp((s) => s.toast);
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Impor CSV</h2>
        <span className="muted small">
          Judul kolom: <code>date,service,sex,age,education,occupation,u1,…,u9</code>. Satu baris salah: seluruh berkas ditolak.
        </span>
      </div>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="Berkas CSV kuesioner"
        disabled={busy}
        data-testid="paper-csv"
        onChange={asyncHandler(async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          const r = await call('survey.importCsv', { csv: await file.text() });
          setBusy(false);
          if (r.ok) {
            setIssues([]);
            toast('success', `${r.value.recorded} kuesioner dari ${file.name} tersimpan.`);
          } else {
            setIssues((r.error.issues ?? []).map((i) => i.message));
            toast('error', r.error.message);
          }
        })}
      />
      {issues.length > 0 && (
        <ul className="paper-errors" data-testid="paper-csv-issues">
          {issues.slice(0, 50).map((m) => (
            <li key={m}>{m}</li>
          ))}
          {issues.length > 50 && <li>… dan {issues.length - 50} baris lainnya.</li>}
        </ul>
      )}
    </section>
  );
}
