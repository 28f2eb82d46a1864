/**
 * Which services change the vendor's record, and what the verifier enters when completing them (issue 14,
 * Lampiran services 1–5: "Verifikator akan mengaktifkan User ID / melakukan perubahan e-mail / data dari CV
 * ke PT / NPWP / penonaktifan User ID"). Keyed by the catalogue's stable service codes, so a new catalogue
 * version keeps them; a service not listed changes nothing on the vendor. Pure.
 */
import type { SpseUserState, VendorServiceChanges } from '../events/vendor-events';

export type VendorRecordKind = 'spse_activate' | 'email' | 'legal_form' | 'npwp' | 'spse_deactivate';

export const VENDOR_RECORD_BY_SERVICE: Readonly<Record<string, VendorRecordKind>> = {
  aktivasi_user_id: 'spse_activate',
  perubahan_email: 'email',
  perubahan_status_cv_pt: 'legal_form',
  perubahan_npwp: 'npwp',
  nonaktif_user_id: 'spse_deactivate',
};

export function vendorRecordKind(serviceCode: string | null): VendorRecordKind | null {
  return serviceCode ? (VENDOR_RECORD_BY_SERVICE[serviceCode] ?? null) : null;
}

/** What the verifier enters (already validated), per kind. */
export interface VendorRecordInput {
  email?: string | null;
  legalForm?: VendorServiceChanges['legalForm'] | null;
  name?: string | null;
  npwp?: string | null;
  spseUserId?: string | null;
}

export const SPSE_STATE_LABEL: Record<SpseUserState, string> = { active: 'aktif', deactivated: 'nonaktif' };

export const VENDOR_FIELD_LABEL: Record<keyof VendorServiceChanges, string> = {
  name: 'Nama perusahaan',
  legalForm: 'Bentuk usaha',
  npwp: 'NPWP',
  email: 'E-mail',
  spseUserId: 'User ID SPSE',
  spseUserState: 'Status User ID SPSE',
};

/**
 * The changes a completion records, or the field the verifier must still fill (Indonesian message). Only the
 * fields of the service's kind are taken; the others are ignored.
 */
export function vendorChangesFor(kind: VendorRecordKind, input: VendorRecordInput): { ok: true; changes: VendorServiceChanges } | { ok: false; path: string; message: string } {
  switch (kind) {
    case 'email':
      return input.email ? { ok: true, changes: { email: input.email } } : { ok: false, path: 'vendorRecord.email', message: 'E-mail baru penyedia wajib diisi.' };
    case 'npwp':
      return input.npwp ? { ok: true, changes: { npwp: input.npwp } } : { ok: false, path: 'vendorRecord.npwp', message: 'NPWP baru penyedia wajib diisi.' };
    case 'legal_form':
      if (!input.legalForm) return { ok: false, path: 'vendorRecord.legalForm', message: 'Bentuk usaha baru wajib dipilih.' };
      return { ok: true, changes: { legalForm: input.legalForm, ...(input.name ? { name: input.name } : {}) } };
    case 'spse_activate':
    case 'spse_deactivate':
      if (!input.spseUserId) return { ok: false, path: 'vendorRecord.spseUserId', message: 'User ID SPSE wajib diisi.' };
      return { ok: true, changes: { spseUserId: input.spseUserId, spseUserState: kind === 'spse_activate' ? 'active' : 'deactivated' } };
  }
}
