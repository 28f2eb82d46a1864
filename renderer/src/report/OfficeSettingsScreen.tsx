/**
 * Pengaturan kantor (supervisor): the header printed on receipts and reports (name, address, contact, logo),
 * the head of unit who signs the monthly report, and the data-protection officer named on exports and on the
 * personal-data notice (UU 27/2022). Each change is a `settings.changed` event, synced to every workstation.
 */
import { useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../contract/api';
import { call } from '../api';
import { hasRole, useApp } from '../store';
import './report.css';
import { FilePicker } from '../ui/FilePicker';

type Settings = OutputOf<'settings.office'>;
type Field = Exclude<keyof Settings, 'logoDataUrl'>;

const FIELDS: Array<{ key: Field; label: string; hint?: string; required?: boolean; multiline?: boolean }> = [
  { key: 'officeName', label: 'Nama kantor', required: true },
  { key: 'officeAddress', label: 'Alamat', required: true, multiline: true },
  { key: 'officeContact', label: 'Kontak (telepon, e-mail, atau situs)' },
  { key: 'headTitle', label: 'Jabatan penanda tangan laporan', required: true },
  { key: 'headName', label: 'Nama kepala bagian' },
  { key: 'headNip', label: 'NIP kepala bagian', hint: '18 angka' },
  { key: 'dpoName', label: 'Pejabat Pelindungan Data Pribadi', hint: 'Disebut pada tanda terima dan setiap ekspor (UU 27/2022).' },
  { key: 'dpoContact', label: 'Kontak pejabat pelindungan data pribadi' },
];

const MAX_LOGO_BYTES = 290_000;

export function OfficeSettingsScreen() {
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const [saved, setSaved] = useState<Settings | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const canEdit = hasRole(session, 'supervisor');

  useEffect(() => {
    void call('settings.office', {}).then((r) => {
      if (r.ok) {
        setSaved(r.value);
        setForm(r.value);
      }
    });
  }, []);
  if (!form || !saved) return <p className="muted">Memuat pengaturan…</p>;

  async function pickLogo(file: File | undefined) {
    if (!file) return;
    if (!['image/png', 'image/jpeg', 'image/svg+xml'].includes(file.type)) return setErrors({ logoDataUrl: 'Logo harus gambar PNG, JPEG, atau SVG.' });
    if (file.size > MAX_LOGO_BYTES) return setErrors({ logoDataUrl: 'Berkas logo terlalu besar (maksimal sekitar 280 KB).' });
    const url = await new Promise<string>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as string); // readAsDataURL: always a string
      r.onerror = () => reject(r.error ?? new Error('file_read_failed'));
      r.readAsDataURL(file);
    });
    setErrors({});
    setForm((f) => (f ? { ...f, logoDataUrl: url } : f));
  }

  async function save() {
    if (!form || !saved) return;
    const input: InputOf<'settings.setOffice'> = {};
    for (const k of Object.keys(form) as (keyof Settings)[]) {
      if (form[k] !== saved[k]) (input as Record<string, string | null>)[k] = form[k] ?? '';
    }
    if (input.logoDataUrl === '') input.logoDataUrl = null;
    setBusy(true);
    const r = await call('settings.setOffice', input);
    setBusy(false);
    if (!r.ok) {
      setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message])));
      return toast('error', r.error.message);
    }
    setErrors({});
    setSaved(r.value);
    setForm(r.value);
    toast('success', 'Pengaturan kantor disimpan.');
  }

  return (
    <div data-testid="office-settings">
      <h1>Pengaturan Kantor</h1>
      <p className="muted">Kop pada tanda terima, daftar kekurangan berkas, surat penolakan, dan laporan bulanan.</p>
      <section className="card">
        <div className="grid2">
          {FIELDS.map((f) => (
            <div key={f.key} className={`field ${errors[f.key] ? 'has-error' : ''} ${f.multiline ? 'span2' : ''}`}>
              <label htmlFor={`office-${f.key}`}>
                {f.label} {f.required && <span className="req">*</span>}
              </label>
              {f.multiline ? (
                <textarea id={`office-${f.key}`} rows={2} disabled={!canEdit} value={form[f.key] ?? ''} onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />
              ) : (
                <input id={`office-${f.key}`} disabled={!canEdit} value={form[f.key] ?? ''} onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />
              )}
              {errors[f.key] ? <div className="field-error">{errors[f.key]}</div> : f.hint && <div className="field-hint">{f.hint}</div>}
            </div>
          ))}
          <div className={`field span2 ${errors.logoDataUrl ? 'has-error' : ''}`}>
            <label htmlFor="office-logo">Logo</label>
            <div className="print-actions">
              {form.logoDataUrl ? <img className="logo-preview" src={form.logoDataUrl} alt="Logo kantor" /> : <span className="muted">Tanpa logo</span>}
              {canEdit && <FilePicker id="office-logo" accept={['image/png', 'image/jpeg', 'image/svg+xml']} label="Pilih berkas logo…" onPick={(f) => void pickLogo(f)} testId="office-logo" />}
              {canEdit && form.logoDataUrl && (
                <button type="button" className="small-btn" onClick={() => setForm({ ...form, logoDataUrl: null })}>
                  Hapus logo
                </button>
              )}
            </div>
            {errors.logoDataUrl && <div className="field-error">{errors.logoDataUrl}</div>}
          </div>
        </div>
        {canEdit && (
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="office-save">
              {busy ? 'Menyimpan…' : 'Simpan'}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
