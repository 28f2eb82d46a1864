/**
 * The handling units of the draft (issue 14): the desks a file can be handed over to, their names, the staff
 * roles that serve them and the words printed on the receipt. A new unit here, chosen by a new service, gets
 * its desk in the menu, its queue and its receipt line once the version is published, without code.
 */
import { useState } from 'react';
import type { Catalogue, HandlingUnitDefinition } from '../../../domain/catalogue/types';
import { DESK_SERVING_ROLES, handlingUnitsOf, SEEDED_UNITS, type DeskServingRole } from '../../../domain/catalogue/units';
import { Field } from '../ui/Field';

const ROLE_WORD: Record<DeskServingRole, string> = { verifier: 'Verifikator', sysadmin: 'Admin sistem' };

/** A code made from the unit's name ("Unit Layanan Pengaduan" → unit_layanan_pengaduan), as pause kinds do. */
export function unitCodeFromName(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return /^[a-z]/.test(slug) && slug.length > 1 ? slug : `unit_${slug || 'baru'}`;
}

function UnitRow(props: { unit: HandlingUnitDefinition; index: number; used: boolean; fresh: boolean; seeded: boolean; focusName: boolean; onChange(u: HandlingUnitDefinition): void; onRemove(): void }) {
  const { unit, index } = props;
  const set = (patch: Partial<HandlingUnitDefinition>) => props.onChange({ ...unit, ...patch });
  return (
    <fieldset className="card" data-testid={`unit-${index}`}>
      <legend>Unit {index + 1}</legend>
      <Field label="Nama unit" required>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            // The unit just added takes the cursor: the officer types its name next.
            autoFocus={props.focusName}
            value={unit.name}
            // A new unit's code follows its name until the code is edited; a published unit keeps its code.
            onChange={(e) => set(props.fresh ? { name: e.target.value, code: unitCodeFromName(e.target.value) } : { name: e.target.value })}
            data-testid={`unit-${index}-name`}
          />
        )}
      </Field>
      <Field label="Kode (huruf kecil dan garis bawah)" required hint={props.seeded ? 'Kode unit bawaan tidak diubah: berkas lama merujuk kepadanya.' : undefined}>
        {(id, d) => <input id={id} aria-describedby={d} value={unit.code} readOnly={props.seeded} onChange={(e) => set({ code: e.target.value })} data-testid={`unit-${index}-code`} />}
      </Field>
      <fieldset className="checks">
        <legend>Dilayani oleh</legend>
        {DESK_SERVING_ROLES.map((r) => (
          <label key={r}>
            <input
              type="checkbox"
              checked={unit.roles.includes(r)}
              onChange={(e) => set({ roles: e.target.checked ? [...unit.roles, r] : unit.roles.filter((x) => x !== r) })}
              data-testid={`unit-${index}-role-${r}`}
            />{' '}
            {ROLE_WORD[r]}
          </label>
        ))}
      </fieldset>
      <Field label="Tertulis pada tanda terima (Diteruskan kepada)" hint="Kosongkan untuk memakai nama unit.">
        {(id, d) => (
          <input id={id} aria-describedby={d} value={unit.receiptLabel ?? ''} onChange={(e) => set({ receiptLabel: e.target.value.trim() ? e.target.value : undefined })} data-testid={`unit-${index}-receipt`} />
        )}
      </Field>
      <button type="button" className="secondary small-btn" disabled={props.used} title={props.used ? 'Masih dipakai oleh layanan dalam draf.' : undefined} onClick={() => props.onRemove()}>
        Hapus unit
      </button>
    </fieldset>
  );
}

export function UnitsEditor(props: { draft: Catalogue; onChange(units: HandlingUnitDefinition[]): void }) {
  const units = handlingUnitsOf(props.draft);
  const set = (next: HandlingUnitDefinition[]) => props.onChange(next);
  const [added, setAdded] = useState<number | null>(null);
  return (
    <details className="card" data-testid="units-editor">
      <summary>
        <strong>Unit penanganan</strong> <span className="muted">({units.map((u) => u.name).join(', ')})</span>
      </summary>
      <p className="muted">Meja yang menerima berkas setelah diserahkan helpdesk. Layanan memilih salah satu unit ini pada isian “Ditangani oleh”.</p>
      {units.map((u, i) => (
        <UnitRow
          key={i}
          unit={u}
          index={i}
          fresh={!SEEDED_UNITS.some((x) => x.code === u.code) && (/^unit_\d+$/.test(u.code) || u.code === unitCodeFromName(u.name))}
          seeded={SEEDED_UNITS.some((x) => x.code === u.code)}
          focusName={added === i}
          used={props.draft.services.some((s) => s.handlerRole === u.code)}
          onChange={(next) => set(units.map((x, j) => (j === i ? next : x)))}
          onRemove={() => set(units.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="secondary" onClick={() => {
          setAdded(units.length);
          set([...units, { code: `unit_${units.length + 1}`, name: '', roles: ['verifier'] }]);
        }} data-testid="add-unit">
        Tambah unit penanganan
      </button>
    </details>
  );
}
