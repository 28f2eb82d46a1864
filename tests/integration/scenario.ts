/** A realistic multi-workstation event history, shared by the fold tests. */
import { stampEvents, type NewEvent } from '../../db/event-store';
import { HybridLogicalClock } from '../../domain/events/hlc';
import type { StoredEvent } from '../../domain/events/schema';
import { uuidv7 } from '../../domain/events/uuidv7';

export const SCENARIO_HELPDESK = 'actor-a';
export const SCENARIO_SUPERVISOR = 'actor-b';

/**
 * Events of a realistic visit recorded on two workstations (helpdesk PC and supervisor PC), after the
 * office's accounts: the supervisor set up on B (the first account creates itself) and the helpdesk account
 * created by the supervisor. Without them every event would be denied (domain/permissions.ts).
 */
export function scenario(seed: number): StoredEvent[] {
  let t = Date.UTC(2026, 10, 26, 1, 0, 0) + seed * 1000;
  const now = () => (t += 20_000);
  const a = { deviceId: uuidv7(1), actorId: SCENARIO_HELPDESK, hlc: new HybridLogicalClock(now), now };
  const b = { deviceId: uuidv7(2), actorId: SCENARIO_SUPERVISOR, hlc: new HybridLogicalClock(now), now };
  const accounts = stampEvents(
    [
      { type: 'user.created', aggregateId: SCENARIO_SUPERVISOR, payload: { username: 'kasubbag', displayName: 'Kepala Sub Bagian', roles: ['supervisor'], passwordHash: 'x' } },
      { type: 'user.created', aggregateId: SCENARIO_HELPDESK, payload: { username: 'helpdesk1', displayName: 'Petugas Helpdesk', roles: ['helpdesk'], passwordHash: 'x' } },
    ],
    b,
  );
  for (const e of accounts) a.hlc.observe(e.hlc);
  const vendorId = uuidv7(t + 1);
  const personId = uuidv7(t + 2);
  const visitId = uuidv7(t + 3);
  const mark = (itemCode: string, ok: boolean): NewEvent => ({
    type: 'visit.item_marked',
    aggregateId: visitId,
    payload: { itemCode, originalSeen: ok, copyReceived: ok, validUntil: ok ? '2030-01-01' : null, meteraiOk: ok, notBrought: !ok, note: null, at: t },
  });
  const first = stampEvents(
    [
      { type: 'vendor.registered', aggregateId: vendorId, payload: { name: 'PT Kayu Ulin Sejahtera', legalForm: 'PT', npwp: '021832415000000', address: null, email: null, phone: null, leaderName: null } },
      { type: 'person.registered', aggregateId: personId, payload: { name: 'Siti Aminah', nik: '6371015507850002', phone: null, email: null, vendorId } },
      {
        type: 'visit.registered',
        aggregateId: visitId,
        payload: { arrivedAt: t, personId, vendorId, visitorRole: 'proxy', serviceCode: 'perubahan_email', purposeNote: null, catalogueVersion: 1, visitorName: 'Siti Aminah', companyName: 'PT Kayu Ulin Sejahtera' },
      },
      mark('surat_permohonan', true),
      mark('surat_kuasa', false),
      { type: 'visit.returned', aggregateId: visitId, payload: { at: t, missing: [{ itemCode: 'surat_kuasa', label: 'Surat Kuasa', reason: 'not_brought' }], note: null } },
    ],
    a,
  );
  // Workstation B saw A's events (sync) before acting: its clock observes them.
  for (const e of first) b.hlc.observe(e.hlc);
  const second = stampEvents(
    [
      { type: 'visit.resumed', aggregateId: visitId, payload: { at: t } },
      mark('surat_kuasa', true),
      { type: 'vendor.updated', aggregateId: vendorId, payload: { name: 'PT Kayu Ulin Sejahtera Abadi' } },
      { type: 'visit.handed_over', aggregateId: visitId, payload: { at: t, to: 'verifier', receiptNo: 'TT-20261126-ABCDEF-001', discretionItems: [] } },
    ],
    b,
  );
  // Meanwhile, offline, A also renamed the vendor: the later HLC wins in every order.
  const concurrent = stampEvents([{ type: 'vendor.updated', aggregateId: vendorId, payload: { address: 'Jl. Lambung Mangkurat No. 3' } }], a);
  return [...accounts, ...first, ...second, ...concurrent];
}
