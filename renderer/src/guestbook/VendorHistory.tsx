/**
 * The vendor's record as the services changed it (issue 14, ADR 0023): its SPSE User ID and state, and the
 * services that changed its e-mail, legal form, NPWP or User ID, with the old values. Shown in the guest
 * book when a company is picked, so the helpdesk sees at once that "CV X" became "PT X".
 */
import type { OutputOf } from '../../../contract/api';
import { fmtDateTime } from '../ui/format';

type VendorGet = OutputOf<'vendors.get'>;
export interface VendorRecordInfo {
  name: string;
  spseUserId: string | null;
  spseUserState: 'active' | 'deactivated' | null;
  history: NonNullable<VendorGet['history']>;
}

export function vendorRecordInfo(r: VendorGet): VendorRecordInfo | null {
  const history = r.history ?? [];
  if (!r.vendor.spseUserId && history.length === 0) return null;
  return { name: r.vendor.name, spseUserId: r.vendor.spseUserId ?? null, spseUserState: r.vendor.spseUserState ?? null, history };
}

export function VendorHistory(props: { info: VendorRecordInfo }) {
  const { info } = props;
  return (
    <details className="card" data-testid="vendor-history">
      <summary>
        {info.name}: User ID SPSE {info.spseUserId ? `${info.spseUserId} (${info.spseUserState === 'deactivated' ? 'nonaktif' : 'aktif'})` : 'belum tercatat'}
        {info.history.length > 0 ? ` · ${info.history.length} perubahan data dari layanan` : ''}
      </summary>
      <ul>
        {info.history.map((h, i) => (
          <li key={i}>
            {fmtDateTime(h.at)} · {h.serviceName}
            {h.receiptNo ? ` (${h.receiptNo})` : ''}
            {h.byName ? `, oleh ${h.byName}` : ''}:{' '}
            {h.fields.length === 0 ? 'tidak ada perubahan' : h.fields.map((f) => `${f.label} ${f.from ?? '–'} → ${f.to}`).join('; ')}
          </li>
        ))}
      </ul>
    </details>
  );
}
