/**
 * The vendor's record following the service (issue 14, ADR 0023): what the desk shows for a file of service
 * 1–5 (the vendor's current values, and what its completion recorded), and the vendor's history of such
 * changes with the old values, for the guest book. Read from the vendor's folded state.
 */
import type { VendorRecordView } from '../../contract/vendor-record';
import type { z } from 'zod';
import type { vendorHistoryEntry } from '../../contract/vendor-record';
import { loadAggregateState } from '../../db/event-store';
import type { Exec } from '../../db/exec';
import { userNames } from '../../db/queries';
import type { VendorServiceEntry, VendorState } from '../../domain/aggregates/simple';
import type { VisitState } from '../../domain/aggregates/visit';
import { formatNpwp } from '../../domain/validation';
import { SPSE_STATE_LABEL, VENDOR_FIELD_LABEL, vendorRecordKind } from '../../domain/vendor/service-record';
import type { AppContext } from '../context';
import { loadCatalogue } from './catalogue';
import { activeCatalogueVersion } from '../../db/queries';
import { witaIsoDate } from '../../domain/time/wita';

function shown(field: string, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'npwp') return formatNpwp(value);
  if (field === 'spseUserState') return SPSE_STATE_LABEL[value as keyof typeof SPSE_STATE_LABEL] ?? value;
  return value;
}

function fieldsOf(e: VendorServiceEntry) {
  return e.fields.map((f) => ({ field: f.field, label: VENDOR_FIELD_LABEL[f.field], from: shown(f.field, f.from), to: shown(f.field, f.to)! }));
}

export async function loadVendorState(db: Exec, vendorId: string): Promise<VendorState | null> {
  const s = await loadAggregateState<'vendor'>(db, vendorId);
  return s && 'legalForm' in s ? s : null;
}

export async function vendorRecordOf(app: AppContext, v: VisitState): Promise<VendorRecordView | null> {
  const kind = vendorRecordKind(v.serviceCode);
  if (!kind) return null;
  const vendor = v.vendorId ? await loadVendorState(app.db, v.vendorId) : null;
  const entry = vendor?.serviceHistory?.find((h) => h.visitId === v.id) ?? null;
  return {
    kind,
    vendorId: v.vendorId,
    current: vendor
      ? { name: vendor.name, legalForm: vendor.legalForm, npwp: vendor.npwp, email: vendor.email, spseUserId: vendor.spseUserId ?? null, spseUserState: vendor.spseUserState ?? null }
      : null,
    recorded: entry ? fieldsOf(entry) : null,
  };
}

export async function vendorHistoryView(app: AppContext, vendorId: string): Promise<z.infer<typeof vendorHistoryEntry>[]> {
  const vendor = await loadVendorState(app.db, vendorId);
  const history = vendor?.serviceHistory ?? [];
  if (history.length === 0) return [];
  const [names, catalogue] = await Promise.all([
    userNames(app.db, history.map((h) => h.by).filter((x): x is string => !!x)),
    loadCatalogue(app, await activeCatalogueVersion(app.db, witaIsoDate(app.now()))),
  ]);
  return [...history].reverse().map((h) => ({
    at: h.at,
    byName: h.by ? (names.get(h.by) ?? null) : null,
    serviceCode: h.serviceCode,
    serviceName: catalogue.services.find((s) => s.code === h.serviceCode)?.name ?? h.serviceCode,
    receiptNo: h.receiptNo,
    fields: fieldsOf(h),
  }));
}
