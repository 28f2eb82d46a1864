/**
 * The regulation's roles in the fold (issue 14): a legacy supervisor's discretion stays valid as of its
 * event, also after the account is moved to Kepala Sub Bagian; the Kepala Sub Bagian's own discretion or
 * publication is denied wherever it arrives from; the Kepala Bagian's is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './events/schema';
import { computeAuthority, judgeEvent } from './permissions';
import { holdsRole } from './roles';

let n = 0;
function ev(actorId: string | null, type: string, aggregateId: string, payload: unknown): StoredEvent {
  n += 1;
  const aggregateType = type.split('.')[0]!;
  return { id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, hlc: `${String(1_000 + n).padStart(15, '0')}-00000`, deviceId: 'pc-a', actorId, type, aggregateType, aggregateId, payload, schemaVersion: 1, recordedAt: n };
}

const handover = (actor: string) => ev(actor, 'visit.handed_over', 'v1', { at: 1, to: 'verifier', receiptNo: 'TT-1', discretionItems: ['surat_kuasa'], discretionReason: 'Menyusul.' });

describe('roles of Perwali 67/2018 in the fold', () => {
  it('holdsRole: each head holds what "supervisor" names; only the Kepala Bagian (or a legacy supervisor) holds kepala_bagian', () => {
    expect(holdsRole(['kepala_subbagian'], 'supervisor')).toBe(true);
    expect(holdsRole(['kepala_bagian'], 'supervisor')).toBe(true);
    expect(holdsRole(['kepala_subbagian'], 'kepala_bagian')).toBe(false);
    expect(holdsRole(['supervisor'], 'kepala_bagian')).toBe(true);
    expect(holdsRole(['helpdesk'], 'supervisor')).toBe(false);
  });

  it('a legacy supervisor\'s discretion stays allowed after the move; afterwards only the Kepala Bagian\'s is', () => {
    const head = 'u-head';
    const kabag = 'u-kabag';
    const accounts = [
      ev(head, 'user.created', head, { username: 'kasubbag', displayName: 'K', roles: ['supervisor'], passwordHash: 'x' }),
      ev(head, 'user.created', kabag, { username: 'kabag', displayName: 'B', roles: ['kepala_bagian'], passwordHash: 'x' }),
    ];
    const before = handover(head);
    const move = ev(head, 'user.roles_changed', head, { roles: ['kepala_subbagian'] });
    const after = handover(head);
    const byKabag = handover(kabag);
    const publishByKasubbag = ev(head, 'catalogue.published', 'catalogue', { version: 2, catalogue: {}, note: null });
    const publishByKabag = ev(kabag, 'catalogue.published', 'catalogue', { version: 2, catalogue: {}, note: null });
    const { authority, denied } = computeAuthority([...accounts, move]);
    expect(denied.size).toBe(0);
    expect(judgeEvent(before, authority)).toBeNull();
    expect(judgeEvent(after, authority)).toBe('role_missing');
    expect(judgeEvent(byKabag, authority)).toBeNull();
    expect(judgeEvent(publishByKasubbag, authority)).toBe('role_missing');
    expect(judgeEvent(publishByKabag, authority)).toBeNull();
    // The Kepala Sub Bagian still manages accounts and the calendar.
    expect(judgeEvent(ev(head, 'calendar.holiday_added', 'calendar', { date: '2026-12-31', name: 'x', kind: 'lainnya' }), authority)).toBeNull();
  });
});
