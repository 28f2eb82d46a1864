/**
 * What the verifier enters when completing service 1–5 (issue 14, ADR 0023): the SPSE User ID activated or
 * deactivated, the new e-mail, the new legal form (and name), or the new NPWP, beside the vendor's current
 * record. Sent with `desk.complete` as `vendorRecord`; the backend validates it and updates the vendor.
 * The value is required (the vendor's record would silently keep the old data): it comes first in the dialog,
 * takes the focus, and a missing or wrong value is named under its field, which gets the focus again.
 */
import type { VendorRecordView } from '../../../contract/vendor-record';
import { LEGAL_FORMS } from '../../../domain/events/schema';
import { formatNpwp, validateEmail, validateNpwp } from '../../../domain/validation';

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

/** The field a completion still needs (client check or the backend's `vendorRecord.<field>` issue). */
export interface VendorFieldError {
  field: 'email' | 'npwp' | 'legalForm' | 'name' | 'spseUserId';
  message: string;
}

/** The element id of a field, for focusing it when it is missing or wrong. */
export const VENDOR_FIELD_ID: Record<VendorFieldError['field'], string> = {
  email: 'vendor-email',
  npwp: 'vendor-npwp',
  legalForm: 'vendor-legal-form',
  name: 'vendor-name',
  spseUserId: 'vendor-spse-id',
};

/** The first error of a domain validator's result (domain/validation), or null. */
function firstError(r: { ok: boolean; errors?: readonly { message: string }[] }): string | null {
  return r.ok ? null : (r.errors?.[0]?.message ?? null);
}

/**
 * The service's field left empty or invalid, with the message the backend gives for it
 * (domain/vendor/service-record.ts, contract/vendor-record.ts: the same domain validators), checked before
 * anything is sent; the backend checks again.
 */
export function missingVendorField(kind: VendorRecordView['kind'], d: VendorRecordDraft): VendorFieldError | null {
  switch (kind) {
    case 'email': {
      if (!d.email.trim()) return { field: 'email', message: 'E-mail baru penyedia wajib diisi.' };
      const e = firstError(validateEmail(d.email.trim()));
      return e ? { field: 'email', message: e } : null;
    }
    case 'npwp': {
      if (!d.npwp.trim()) return { field: 'npwp', message: 'NPWP baru penyedia wajib diisi.' };
      const e = firstError(validateNpwp(d.npwp.trim()));
      return e ? { field: 'npwp', message: e } : null;
    }
    case 'legal_form':
      return null;
    case 'spse_activate':
    case 'spse_deactivate':
      return d.spseUserId.trim() ? null : { field: 'spseUserId', message: 'User ID SPSE wajib diisi.' };
  }
}

/** A backend issue path ("vendorRecord.npwp") as a field of this form, or null for other paths. */
export function vendorFieldOfPath(path: string | undefined): VendorFieldError['field'] | null {
  const f = path?.startsWith('vendorRecord.') ? path.slice('vendorRecord.'.length) : null;
  return f && f in VENDOR_FIELD_ID ? (f as VendorFieldError['field']) : null;
}

/** The first warning a domain validator gives for a typed value (none while empty or invalid). */
function warningOf(v: string, validate: (s: string) => { ok: boolean; warnings?: readonly { message: string }[] }): string | null {
  if (!v.trim()) return null;
  const r = validate(v.trim());
  return r.ok ? (r.warnings?.[0]?.message ?? null) : null;
}

/** One input of the vendor's record: label (with the required mark), the current value, the error. */
function VendorInput(props: {
  field: VendorFieldError['field'];
  label: string;
  required?: boolean;
  hint: string;
  error: VendorFieldError | null;
  autoFocus?: boolean;
  value: string;
  onChange: (v: string) => void;
  inputMode?: 'numeric' | 'email';
  type?: string;
  /** A domain rule's warning that does not block (an NPWP check digit, a likely typo in the e-mail's domain). */
  warning?: string | null;
}) {
  const id = VENDOR_FIELD_ID[props.field];
  const err = props.error?.field === props.field ? props.error.message : null;
  const warn = err ? null : (props.warning ?? null);
  return (
    <div className={`field ${err ? 'has-error' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        required={props.required}
        aria-required={props.required}
        aria-invalid={err ? true : undefined}
        aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}${warn ? ` ${id}-warning` : ''}`}
        // The value is the reason for the dialog: the cursor starts there (a note is optional).
        autoFocus={props.autoFocus}
        data-testid={id}
      />
      {err && (
        <div id={`${id}-error`} className="field-error" role="alert" data-testid={`${id}-error`}>
          {err}
        </div>
      )}
      {warn && (
        <div id={`${id}-warning`} className="field-warning" data-testid={`${id}-warning`}>
          {warn}
        </div>
      )}
      <div id={`${id}-hint`} className="field-hint">
        {props.hint}
      </div>
    </div>
  );
}

export function VendorRecordFields(props: { view: VendorRecordView; value: VendorRecordDraft; error?: VendorFieldError | null; onChange: (d: VendorRecordDraft) => void }) {
  const { view, value } = props;
  const error = props.error ?? null;
  const c = view.current;
  const set = (patch: Partial<VendorRecordDraft>) => props.onChange({ ...value, ...patch });
  if (!c) return <p className="muted">Kunjungan ini tidak tercatat untuk perusahaan; data penyedia tidak diubah.</p>;
  const legalErr = error?.field === 'legalForm' ? error.message : null;
  return (
    <fieldset className="card" data-testid="vendor-record">
      <legend>Data penyedia di aplikasi ({c.name})</legend>
      {(view.kind === 'spse_activate' || view.kind === 'spse_deactivate') && (
        <VendorInput
          field="spseUserId"
          label={view.kind === 'spse_activate' ? 'User ID SPSE yang diaktifkan' : 'User ID SPSE yang dinonaktifkan'}
          required
          autoFocus
          error={error}
          value={value.spseUserId}
          onChange={(v) => set({ spseUserId: v })}
          hint={`Saat ini: ${c.spseUserId ? `${c.spseUserId} (${c.spseUserState ? STATE[c.spseUserState] : '–'})` : 'belum tercatat'}.`}
        />
      )}
      {view.kind === 'email' && (
        <VendorInput
          field="email"
          label="E-mail baru penyedia"
          required
          autoFocus
          type="email"
          inputMode="email"
          error={error}
          warning={warningOf(value.email, validateEmail)}
          value={value.email}
          onChange={(v) => set({ email: v })}
          hint={`Saat ini: ${c.email ?? 'belum tercatat'}.`}
        />
      )}
      {view.kind === 'npwp' && (
        <VendorInput
          field="npwp"
          label="NPWP baru penyedia"
          required
          autoFocus
          inputMode="numeric"
          error={error}
          warning={warningOf(value.npwp, validateNpwp)}
          value={value.npwp}
          onChange={(v) => set({ npwp: v })}
          hint={`Saat ini: ${c.npwp ? formatNpwp(c.npwp) : 'belum tercatat'}. 15 atau 16 angka; titik dan tanda hubung boleh.`}
        />
      )}
      {view.kind === 'legal_form' && (
        <>
          <div className={`field ${legalErr ? 'has-error' : ''}`}>
            <label htmlFor="vendor-legal-form">
              Bentuk usaha baru<span className="req" aria-hidden="true"> *</span>
            </label>
            <select
              id="vendor-legal-form"
              value={value.legalForm}
              onChange={(e) => set({ legalForm: e.target.value as VendorRecordDraft['legalForm'] })}
              required
              aria-invalid={legalErr ? true : undefined}
              aria-describedby={`vendor-legal-form-hint${legalErr ? ' vendor-legal-form-error' : ''}`}
              autoFocus
              data-testid="vendor-legal-form"
            >
              {LEGAL_FORMS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            {legalErr && (
              <div id="vendor-legal-form-error" className="field-error" role="alert">
                {legalErr}
              </div>
            )}
            <div id="vendor-legal-form-hint" className="field-hint">
              Saat ini: {c.legalForm}.
            </div>
          </div>
          <VendorInput field="name" label="Nama perusahaan sesuai akta perubahan" error={error} value={value.name} onChange={(v) => set({ name: v })} hint="Kosongkan bila nama tidak berubah." />
        </>
      )}
      <p className="muted">Wajib diisi: data penyedia di aplikasi diperbarui dengan nilai ini saat layanan dicatat selesai. Nilai lama tetap tersimpan dalam riwayat data penyedia.</p>
    </fieldset>
  );
}
