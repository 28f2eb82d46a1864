/**
 * Standar Pelayanan (issue 14, ADR 0015): the catalogue's published versions and the office's draft of the
 * next one. Both heads edit the draft (services, requirements, procedure, time limit, fee, product, the
 * components of Pasal 5); the Kepala Bagian reads its difference against the version it was copied from and
 * publishes it with the regulation that sets it and its effective date (Pasal 9). Everything is read through
 * `useLive`, so a draft saved at another workstation shows here after sync.
 */
import { asyncHandler } from '../ui/async-handler';
import { useEffect, useState } from 'react';
import type { CatalogueDraftView } from '../../../contract/standard';
import { blankService } from '../../../domain/catalogue/draft';
import type { Catalogue, RequirementItem, ServiceDefinition } from '../../../domain/catalogue/types';
import { call } from '../api';
import { useLive } from '../live';
import { hasRole, useApp } from '../store';
import { Field } from '../ui/Field';
import { IdDateField } from '../ui/DateField';
import { fmtDateTime, fmtIsoDate, witaToday } from '../ui/format';
import { StandardPrints } from './StandardPrints';
import { UnitsEditor } from './UnitsEditor';
import { handlingUnitsOf } from '../../../domain/catalogue/units';
import type { HandlingUnitDefinition } from '../../../domain/catalogue/types';

const STATE_LABEL = { in_force: 'Berlaku', scheduled: 'Terjadwal', superseded: 'Digantikan' } as const;
const KIND_LABEL = { added: 'Layanan baru', removed: 'Dihapus', changed: 'Diubah' } as const;
const UNIT_KIND_LABEL = { added: 'Unit baru', removed: 'Unit dihapus', changed: 'Unit diubah' } as const;

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * Pause kinds from their labels, one per line: a kind already defined keeps its code (recorded pauses name
 * it), a new one gets a code made from its label ("Menunggu tanda tangan pejabat" → menunggu_tanda_tangan_pejabat).
 */
function pauseKindsFromLines(before: readonly { code: string; label: string }[], labels: string[]): { code: string; label: string }[] {
  return labels.map((label) => {
    const same = before.find((k) => k.label === label);
    if (same) return same;
    const slug = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
    return { code: /^[a-z]/.test(slug) && slug.length > 1 ? slug : `penundaan_${slug || 'baru'}`, label };
  });
}

function newRequirement(n: number): RequirementItem {
  return { code: `persyaratan_${n}`, label: '', description: '', original: 'submit', copyRequired: false, mustBeValid: false, needsMeterai: false, proxyOnly: false, signedByLeader: false };
}

function RequirementRow(props: { item: RequirementItem; index: number; onChange(r: RequirementItem): void; onRemove: () => void }) {
  const { item, index } = props;
  const set = (patch: Partial<RequirementItem>) => props.onChange({ ...item, ...patch });
  const flags: [keyof RequirementItem, string][] = [
    ['copyRequired', 'Salinan disimpan'],
    ['mustBeValid', 'Harus masih berlaku'],
    ['needsMeterai', 'Bermeterai'],
    ['proxyOnly', 'Khusus kuasa'],
    ['signedByLeader', 'Ditandatangani pimpinan'],
  ];
  return (
    <fieldset className="card" data-testid={`requirement-${index}`}>
      <legend>Persyaratan {index + 1}</legend>
      <Field label="Nama dokumen" required>
        {(id, d) => <input id={id} aria-describedby={d} value={item.label} onChange={(e) => set({ label: e.target.value })} data-testid={`req-${index}-label`} />}
      </Field>
      <Field label="Kode (huruf kecil dan garis bawah)" required>
        {(id, d) => <input id={id} aria-describedby={d} value={item.code} onChange={(e) => set({ code: e.target.value })} data-testid={`req-${index}-code`} />}
      </Field>
      <Field label="Uraian yang diperiksa" required>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={item.description} onChange={(e) => set({ description: e.target.value })} data-testid={`req-${index}-description`} />}
      </Field>
      <Field label="Dokumen asli">
        {(id) => (
          <select id={id} value={item.original} onChange={(e) => set({ original: e.target.value as RequirementItem['original'] })}>
            <option value="submit">Diserahkan</option>
            <option value="show">Diperlihatkan lalu dikembalikan</option>
            <option value="none">Tidak ada</option>
          </select>
        )}
      </Field>
      <div className="role-checks">
        {flags.map(([k, label]) => (
          <label key={k}>
            <input type="checkbox" checked={item[k] as boolean} onChange={(e) => set({ [k]: e.target.checked })} />
            {label}
          </label>
        ))}
      </div>
      <button type="button" className="small-btn" onClick={props.onRemove}>
        Hapus persyaratan
      </button>
    </fieldset>
  );
}

function ServiceEditor(props: { service: ServiceDefinition; units: HandlingUnitDefinition[]; onChange(s: ServiceDefinition): void }) {
  const s = props.service;
  const set = (patch: Partial<ServiceDefinition>) => props.onChange({ ...s, ...patch });
  const text = (label: string, key: 'name' | 'shortName' | 'code' | 'fee' | 'product' | 'securityGuarantee' | 'internalSupervision' | 'staffCount' | 'staffEvaluation', testId: string) => (
    <Field label={label} required={['name', 'shortName', 'code', 'fee', 'product'].includes(key)}>
      {(id, d) => <input id={id} aria-describedby={d} value={(s[key]) ?? ''} onChange={(e) => set({ [key]: e.target.value })} data-testid={testId} />}
    </Field>
  );
  const list = (label: string, key: 'procedure' | 'serviceGuarantee' | 'legalBasis' | 'staffCompetence' | 'facilities', testId: string) => (
    <Field label={`${label} (satu butir per baris)`}>
      {(id, d) => (
        <textarea
          id={id}
          aria-describedby={d}
          rows={4}
          defaultValue={(s[key] ?? []).join('\n')}
          onBlur={(e) => set({ [key]: lines(e.target.value) })}
          data-testid={testId}
        />
      )}
    </Field>
  );
  return (
    <div data-testid="service-editor">
      {text('Nama layanan', 'name', 'svc-name')}
      {text('Nama singkat', 'shortName', 'svc-short-name')}
      {text('Kode layanan (huruf kecil dan garis bawah)', 'code', 'svc-code')}
      <div className="desk-actions">
        <Field label="Jangka waktu" required>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              inputMode="numeric"
              value={String(s.timeLimit.amount)}
              onChange={(e) => {
                const amount = Number(e.target.value.replace(/\D/g, '') || '0');
                set({ timeLimit: { ...s.timeLimit, amount, text: `${amount} ${s.timeLimit.unit === 'minutes' ? 'menit' : 'hari kerja'}` } });
              }}
              data-testid="svc-limit"
              style={{ width: 100 }}
            />
          )}
        </Field>
        <Field label="Satuan">
          {(id) => (
            <select
              id={id}
              value={s.timeLimit.unit}
              onChange={(e) => {
                const unit = e.target.value as 'minutes' | 'working_days';
                set({ timeLimit: { ...s.timeLimit, unit, text: `${s.timeLimit.amount} ${unit === 'minutes' ? 'menit' : 'hari kerja'}` } });
              }}
              data-testid="svc-limit-unit"
            >
              <option value="minutes">menit</option>
              <option value="working_days">hari kerja</option>
            </select>
          )}
        </Field>
        <Field label="Ditangani oleh">
          {(id) => (
            <select id={id} value={s.handlerRole} onChange={(e) => set({ handlerRole: e.target.value })} data-testid="svc-handler">
              {props.units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name || u.code}
                </option>
              ))}
              {!props.units.some((u) => u.code === s.handlerRole) && <option value={s.handlerRole}>{s.handlerRole} (unit tidak ada)</option>}
            </select>
          )}
        </Field>
      </div>
      {text('Biaya/tarif', 'fee', 'svc-fee')}
      {text('Produk pelayanan', 'product', 'svc-product')}
      {list('Sistem, mekanisme dan prosedur', 'procedure', 'svc-procedure')}
      {list('Jaminan pelayanan', 'serviceGuarantee', 'svc-guarantee')}
      {list('Dasar hukum', 'legalBasis', 'svc-legal')}
      {list('Kompetensi pelaksana', 'staffCompetence', 'svc-competence')}
      {list('Sarana, prasarana dan/atau fasilitas', 'facilities', 'svc-facilities')}
      {text('Pengawasan internal', 'internalSupervision', 'svc-supervision')}
      {text('Jumlah pelaksana', 'staffCount', 'svc-staff-count')}
      {text('Evaluasi kinerja pelaksana', 'staffEvaluation', 'svc-evaluation')}
      {text('Jaminan keamanan dan keselamatan pelayanan', 'securityGuarantee', 'svc-security')}
      <Field label="Jenis penundaan selain menunggu penyedia (satu per baris; waktu layanan berhenti selama menunggu)">
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            rows={2}
            defaultValue={(s.pauseKinds ?? []).map((k) => k.label).join('\n')}
            onBlur={(e) => {
              const kinds = pauseKindsFromLines(s.pauseKinds ?? [], lines(e.target.value));
              set({ pauseKinds: kinds.length ? kinds : undefined });
            }}
            data-testid="svc-pause-kinds"
          />
        )}
      </Field>
      <label>
        <input type="checkbox" checked={s.active} onChange={(e) => set({ active: e.target.checked })} /> Layanan aktif
      </label>
      <h3>Persyaratan</h3>
      {s.requirements.map((r, i) => (
        <RequirementRow
          key={i}
          item={r}
          index={i}
          onChange={(next) => set({ requirements: s.requirements.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => set({ requirements: s.requirements.filter((_, j) => j !== i) })}
        />
      ))}
      <button type="button" className="secondary" onClick={() => set({ requirements: [...s.requirements, newRequirement(s.requirements.length + 1)] })} data-testid="add-requirement">
        Tambah persyaratan
      </button>
    </div>
  );
}

function DraftEditor(props: { view: CatalogueDraftView; onSaved(v: CatalogueDraftView): void }) {
  const toast = useApp((s) => s.toast);
  const session = useApp((s) => s.session);
  const saved = props.view.draft!;
  const [draft, setDraft] = useState<Catalogue>(saved.catalogue);
  const [selected, setSelected] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [source, setSource] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A save elsewhere (another PC, after sync) replaces the copy being edited only when nothing is unsaved here.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(saved.catalogue);
    // Only a new save (its time) replaces the copy; `dirty` and the catalogue are read as of that save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved.savedAt]);
  const service = draft.services[selected];
  const update = (c: Catalogue) => (setDraft(c), setDirty(true));

  async function save(): Promise<boolean> {
    setBusy(true);
    const r = await call('catalogue.saveDraft', { catalogue: draft, note: '' });
    setBusy(false);
    if (!r.ok) {
      setErrors(r.error.issues?.map((i) => i.message) ?? [r.error.message]);
      return false;
    }
    setErrors([]);
    setDirty(false);
    props.onSaved(r.value);
    toast('success', 'Draf standar pelayanan disimpan.');
    return true;
  }

  return (
    <section className="card" data-testid="draft-editor">
      <div className="card-head">
        <h2>
          Draf versi {draft.version} (salinan versi {saved.basedOn})
        </h2>
        <span className="muted">
          Disimpan {fmtDateTime(saved.savedAt)}
          {saved.savedByName ? ` oleh ${saved.savedByName}` : ''}
        </span>
      </div>
      <div className="desk-actions">
        <Field label="Layanan">
          {(id) => (
            <select id={id} value={selected} onChange={(e) => setSelected(Number(e.target.value))} data-testid="draft-service">
              {draft.services.map((s, i) => (
                <option key={i} value={i}>
                  {s.number}. {s.name || '(layanan baru)'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button
          type="button"
          className="secondary"
          data-testid="add-service"
          onClick={() => {
            update({ ...draft, services: [...draft.services, blankService(draft)] });
            setSelected(draft.services.length);
          }}
        >
          Tambah layanan
        </button>
      </div>
      <UnitsEditor draft={draft} onChange={(handlingUnits) => update({ ...draft, handlingUnits })} />
      {service && <ServiceEditor key={selected} service={service} units={handlingUnitsOf(draft)} onChange={(s) => update({ ...draft, services: draft.services.map((x, i) => (i === selected ? s : x)) })} />}
      {errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="draft-errors">
          <strong>Draf belum dapat disimpan:</strong>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="save-draft">
          Simpan draf
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={asyncHandler(async () => {
            const r = await call('catalogue.discardDraft', {});
            if (r.ok) props.onSaved(r.value);
          })}
        >
          Batalkan draf
        </button>
      </div>

      <h3>Perubahan terhadap versi {saved.basedOn}</h3>
      {saved.changes.length === 0 ? (
        <p className="muted">Belum ada perubahan yang disimpan.</p>
      ) : (
        <ul data-testid="draft-changes">
          {saved.changes.map((c) => (
            <li key={`${c.subject ?? 'service'}-${c.code}`}>
              <strong>{c.subject === 'unit' ? UNIT_KIND_LABEL[c.kind] : KIND_LABEL[c.kind]}:</strong> {c.name}
              {c.fields.length > 0 ? ` — ${c.fields.join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}

      {hasRole(session, 'kepala_bagian') ? (
        <form
          className="card"
          data-testid="publish-form"
          onSubmit={asyncHandler(async (e) => {
            e.preventDefault();
            if (dirty && !(await save())) return;
            if (!effectiveFrom) return setErrors(['Tanggal berlaku wajib diisi.']);
            setBusy(true);
            const r = await call('catalogue.publishDraft', { source, effectiveFrom, note: '' });
            setBusy(false);
            if (!r.ok) return setErrors(r.error.issues?.map((i) => i.message) ?? [r.error.message]);
            toast('success', `Standar pelayanan versi ${r.value.version} ditetapkan, berlaku mulai ${fmtIsoDate(r.value.effectiveFrom)}.`);
          })}
        >
          <h3>Tetapkan sebagai versi {draft.version} (Kepala Bagian)</h3>
          <Field label="Dasar penetapan (peraturan yang menetapkan)" required>
            {(id, d) => <input id={id} aria-describedby={d} value={source} onChange={(e) => setSource(e.target.value)} data-testid="publish-source" />}
          </Field>
          <div className="field">
            <label>Tanggal berlaku</label>
            <IdDateField label="Tanggal berlaku" value={effectiveFrom} onCommit={setEffectiveFrom} testId="publish-effective" />
          </div>
          <button type="submit" className="primary" disabled={busy} data-testid="publish-draft">
            Tetapkan
          </button>
        </form>
      ) : (
        <p className="muted">Draf ditetapkan oleh Kepala Bagian.</p>
      )}
    </section>
  );
}

export function StandardScreen() {
  const session = useApp((s) => s.session);
  const live = useLive(() => call('catalogue.versions', {}), [], { types: ['catalogue', 'catalogue_draft'], clock: true });
  const [view, setView] = useState<CatalogueDraftView | null>(null);
  useEffect(() => setView(live.data), [live.data]);
  const v = view ?? live.data;
  // The app's own day (its clock, which tests and the shell may set), as the backend judges versions by.
  const today = useApp((s) => s.status?.today) ?? witaToday();
  return (
    <div data-testid="standard-screen">
      <h1>Standar Pelayanan</h1>
      <section className="card">
        <div className="card-head">
          <h2>Versi katalog layanan</h2>
          <span className="muted">Hari ini {fmtIsoDate(today)}</span>
        </div>
        <table className="table static" data-testid="catalogue-versions">
          <thead>
            <tr>
              <th>Versi</th>
              <th>Dasar penetapan</th>
              <th>Berlaku mulai</th>
              <th>Layanan</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {(v?.versions ?? []).map((r) => (
              <tr key={r.version} data-testid={`catalogue-version-${r.version}`}>
                <td>{r.version}</td>
                <td>{r.source}</td>
                <td>{fmtIsoDate(r.effectiveFrom)}</td>
                <td>{r.services}</td>
                <td>{STATE_LABEL[r.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {v && v.versions.length > 0 && <StandardPrints versions={v.versions} inForce={v.inForce} />}
      {v?.draft ? (
        <DraftEditor key={v.draft.basedOn} view={v} onSaved={setView} />
      ) : (
        hasRole(session, 'supervisor') && (
          <button
            type="button"
            className="primary"
            data-testid="start-draft"
            onClick={asyncHandler(async () => {
              const r = await call('catalogue.startDraft', {});
              if (r.ok) setView(r.value);
            })}
          >
            Buat draf versi baru
          </button>
        )
      )}
    </div>
  );
}
