/** Counter activity used by the sync tests: real contract calls that write real events. */
import type { InputOf } from '../../contract/api';
import { PROXY_VISIT } from '../helpers';
import type { Pc } from './harness';

let serial = 0;

/** A visitor and company no other call has used (distinct names and NIK). */
export function freshVisit(): InputOf<'visits.register'> {
  serial += 1;
  const n = String(serial).padStart(4, '0');
  return {
    ...PROXY_VISIT,
    person: { ...PROXY_VISIT.person, name: `Pemohon ${n}`, nik: `637101150390${n}` },
    company: { ...PROXY_VISIT.company!, name: `CV Uji Sinkron ${n}`, npwp: '' },
  };
}

/** What the workload needs of a PC: its typed contract calls (the sync harness's PCs and the restore-screen host). */
type Counter = Pick<Pc, 'ok' | 'clock'>;

export async function markAll(pc: Counter, visitId: string, missing: string[] = []): Promise<void> {
  const detail = await pc.ok('visits.get', { visitId });
  for (const item of detail.checklist) {
    const absent = missing.includes(item.code);
    await pc.ok('visits.markItem', {
      visitId,
      itemCode: item.code,
      originalSeen: !absent && (item.original !== 'none' || !item.copyRequired),
      copyReceived: !absent && item.copyRequired,
      validUntil: !absent && item.mustBeValid ? '2030-12-31' : null,
      meteraiOk: !absent && item.needsMeterai,
      notBrought: absent,
      note: '',
    });
    pc.clock.ms += 1000;
  }
}

/** Registers a fresh visit, completes its checklist and hands it over; answers the receipt number. A minute
 * passes on the PC's clock so the next receipt is issued at a later instant. */
export async function handOverOne(pc: Counter): Promise<string> {
  const reg = await pc.ok('visits.register', freshVisit());
  const id = reg.visit.visit.id;
  await pc.ok('visits.startChecklist', { visitId: id });
  await markAll(pc, id);
  const done = await pc.ok('visits.handOver', { visitId: id });
  pc.clock.ms += 60_000;
  return done.visit.receiptNo!;
}

/**
 * `n` visits in different states: registered; checked and returned incomplete; checked and handed over.
 * Returns the visit ids.
 */
export async function counterActivity(pc: Pc, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const reg = await pc.ok('visits.register', freshVisit());
    const id = reg.visit.visit.id;
    ids.push(id);
    pc.clock.ms += 60_000;
    if (i % 3 === 0) continue;
    await pc.ok('visits.startChecklist', { visitId: id });
    if (i % 3 === 1) {
      await markAll(pc, id, ['surat_kuasa']);
      await pc.ok('visits.returnIncomplete', { visitId: id, note: 'Surat kuasa belum dibawa' });
    } else {
      await markAll(pc, id);
      await pc.ok('visits.handOver', { visitId: id });
    }
    pc.clock.ms += 60_000;
  }
  return ids;
}
