/**
 * What the verifier enters when completing service 1–5 (issue 14, ADR 0023): the SPSE User ID activated or
 * deactivated, the new e-mail, the new legal form (and name), or the new NPWP, beside the vendor's current
 * record. Sent with `desk.complete` as `vendorRecord`; the backend validates it and updates the vendor.
 * Placed after the note, so the dialog's focus order is unchanged.
 */
import type { VendorRecordView } from '../../../contract/vendor-record';
import { LEGAL_FORMS } from '../../../domain/events/schema';

export interface VendorRecordDraft {
  email: string;
  npwp: string;
  legalForm: (typeof LEGAL_FORMS)[number];
  name: string;
  spseUserId: string;
}

export const EMPTY_VENDOR_RECORD: VendorRecordDraft = { email: '', npwp: '', legalForm: 'PT', name: '', spseUserId: '' };

/** Known values filled in: the User ID being deactivated, the company name with its new form. */
export function initialVendorRecord(v: VendorRecordView): VendorRecordDraft {
  const c = v.current;
  const name = c ? c.name.replace(/^(CV|PT|UD|Firma)\.?\s+/i, '') : '';
  return { ...EMPTY_VENDOR_RECORD, spseUserId: v.kind === 'spse_deactivate' ? (c?.spseUserId ?? '') : '', name: c && v.kind === 'legal_form' ? `PT ${name}` : '' };
}

/** The fields of the service's kind, or undefined when the verifier left the service's field empty. */
export function vendorRecordToSend(kind: VendorRecordView['kind'], d: VendorRecordDraft) {
  switch (kind) {
    case 'email':
      return d.email.trim() ? { email: d.email } : undefined;
    case 'npwp':
      return d.npwp.trim() ? { npwp: d.npwp } : undefined;
    case 'legal_form':
      return { legalForm: d.legalForm, name: d.name };
    case 'spse_activate':
    case 'spse_deactivate':
      return d.spseUserId.trim() ? { spseUserId: d.spseUserId } : undefined;
  }
}

const STATE = { active: 'aktif', deactivated: 'nonaktif' } as const;

export function VendorRecordFields(props: { view: VendorRecordView; value: VendorRecordDraft; onChange: (d: VendorRecordDraft) => void }) {
  const { view, value } = props;
  const c = view.current;
  const set = (patch: Partial<VendorRecordDraft>) => props.onChange({ ...value, ...patch });
  if (!c) return <p className="muted">Kunjungan ini tidak tercatat untuk perusahaan; data penyedia tidak diubah.</p>;
  return (
    <fieldset className="card" data-testid="vendor-record">
      <legend>Data penyedia di aplikasi ({c.name})</legend>
      {(view.kind === 'spse_activate' || view.kind === 'spse_deactivate') && (
        <div className="field">
          <label htmlFor="vendor-spse-id">{view.kind === 'spse_activate' ? 'User ID SPSE yang diaktifkan' : 'User ID SPSE yang dinonaktifkan'}</label>
          <input id="vendor-spse-id" value={value.spseUserId} onChange={(e) => set({ spseUserId: e.target.value })} autoComplete="off" data-testid="vendor-spse-id" />
          <div className="field-hint">
            Saat ini: {c.spseUserId ? `${c.spseUserId} (${c.spseUserState ? STATE[c.spseUserState] : '–'})` : 'belum tercatat'}.
          </div>
        </div>
      )}
      {view.kind === 'email' && (
        <div className="field">
          <label htmlFor="vendor-email">E-mail baru penyedia</label>
          <input id="vendor-email" type="email" value={value.email} onChange={(e) => set({ email: e.target.value })} data-testid="vendor-email" />
          <div className="field-hint">Saat ini: {c.email ?? 'belum tercatat'}.</div>
        </div>
      )}
      {view.kind === 'npwp' && (
        <div className="field">
          <label htmlFor="vendor-npwp">NPWP baru penyedia</label>
          <input id="vendor-npwp" inputMode="numeric" value={value.npwp} onChange={(e) => set({ npwp: e.target.value })} data-testid="vendor-npwp" />
          <div className="field-hint">Saat ini: {c.npwp ?? 'belum tercatat'}.</div>
        </div>
      )}
      {view.kind === 'legal_form' && (
        <>
          <div className="field">
            <label htmlFor="vendor-legal-form">Bentuk usaha baru</label>
            <select id="vendor-legal-form" value={value.legalForm} onChange={(e) => set({ legalForm: e.target.value as VendorRecordDraft['legalForm'] })} data-testid="vendor-legal-form">
              {LEGAL_FORMS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <div className="field-hint">Saat ini: {c.legalForm}.</div>
          </div>
          <div className="field">
            <label htmlFor="vendor-name">Nama perusahaan sesuai akta perubahan</label>
            <input id="vendor-name" value={value.name} onChange={(e) => set({ name: e.target.value })} data-testid="vendor-name" />
          </div>
        </>
      )}
      <p className="muted">Nilai lama tetap tersimpan dalam riwayat data penyedia. Bila dikosongkan, data penyedia di aplikasi tidak diubah.</p>
    </fieldset>
  );
}
