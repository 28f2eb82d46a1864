/**
 * The server's signature checks on its verification worker (server/verify-pool.ts, ADR 0039), with the
 * worker bundle built here exactly as build/build.mjs builds it. A device's own push is stored while its
 * signatures are checked and rolled back when one fails, so a forged event deep in a large batch (after
 * the first 1,000-row insert) must leave nothing behind; a re-send keeps the events that pass.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toWire } from '../../domain/events/codec';
import { formatHlc } from '../../domain/events/hlc';
import type { StoredEvent } from '../../domain/events/schema';
import type { WireEvent } from '../../contract/sync-protocol';
import { uuidv7 } from '../../domain/events/uuidv7';
import { createOffice, enrollDevice, issueEnrollmentCode, officeEvents, pushEvents } from '../../server/store';
import { setVerifyWorkerEntry, verifyCounts } from '../../server/verify-pool';
import { generateSigningKey } from '../../trust/ed25519';
import { signEvents } from '../../trust/events';
import { SERVER_KINDS, TestSyncServer } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'dist', `test-verify-worker-${process.pid}`);

beforeAll(async () => {
  await build({
    entryPoints: { 'verify-worker': path.join(root, 'server/verify-worker.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  setVerifyWorkerEntry(path.join(outDir, 'verify-worker.mjs'));
});

afterAll(() => {
  setVerifyWorkerEntry(null);
  fs.rmSync(outDir, { recursive: true, force: true });
});

const servers: TestSyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.destroy();
});

describe.each(SERVER_KINDS)('signature checks on the verification worker (%s server)', (kind) => {
  it('a forged event at 1,500 of 2,000 refuses the whole own push and stores none of it; a re-send keeps the rest', async () => {
    const server = await TestSyncServer.start(kind);
    servers.push(server);
    const now = Date.now();
    const office = await createOffice(server.store, 'Kantor Uji', now);
    const { key } = generateSigningKey();
    const code = await issueEnrollmentCode(server.store, office.id, now);
    const enrolled = await enrollDevice(server.store, { code: code.code, clientDeviceId: 'pc-uji', name: 'PC Uji', appVersion: 'test', publicKey: key.publicKey }, now);
    const device = { id: enrolled!.device.id, officeId: office.id, clientDeviceId: 'pc-uji', keyId: key.keyId };
    const events: StoredEvent[] = Array.from({ length: 2000 }, (_, i) => {
      const at = now - 10_000 + i;
      const id = uuidv7(at);
      return {
        id,
        hlc: formatHlc({ ms: at, counter: 0 }),
        deviceId: 'pc-uji',
        actorId: null,
        type: 'user.created',
        aggregateType: 'user',
        aggregateId: id,
        payload: { username: `petugas${i}`, displayName: `Petugas ${i}`, roles: ['helpdesk'], passwordHash: 'scrypt$x' },
        schemaVersion: 1,
        recordedAt: at,
      };
    });
    signEvents(events, key, null);
    const wire = events.map((e) => toWire(e) as WireEvent);
    const forged = wire.map((e, i) => (i === 1500 ? { ...e, payload: { ...(e.payload as object), roles: ['supervisor'] } } : e));
    const before = (await officeEvents(server.store, office.id)).length;
    const onWorker = verifyCounts().onWorker;

    const refused = await pushEvents(server.store, device, { firstDeviceSeq: 1, events: forged }, now);
    expect(refused).toEqual({ kind: 'refused', refusal: { id: wire[1500]!.id, code: 'bad_signature' } });
    expect(verifyCounts().onWorker).toBe(onWorker + 1);
    // Rolled back: not one event stored, the device's number not moved.
    expect((await officeEvents(server.store, office.id)).length).toBe(before);
    const gap = await pushEvents(server.store, device, { firstDeviceSeq: 2, events: wire.slice(1) }, now);
    expect(gap).toEqual({ kind: 'gap', expectedDeviceSeq: 1 });

    // A re-send (another device's events the server lost): the forged one is refused, the rest kept.
    const resent = await pushEvents(server.store, device, { firstDeviceSeq: null, events: forged }, now);
    expect(resent.kind).toBe('ok');
    if (resent.kind !== 'ok') return;
    expect(resent.refused).toEqual([{ id: wire[1500]!.id, code: 'bad_signature' }]);
    expect(resent.accepted).toBe(1999);
    expect(verifyCounts().onWorker).toBe(onWorker + 3); // the refused push, the gap (checked before the lock), the re-send

    // The genuine event then goes through the worker and is stored.
    const ok = await pushEvents(server.store, device, { firstDeviceSeq: null, events: [wire[1500]!] }, now);
    expect(ok.kind === 'ok' && ok.accepted).toBe(1);
    const stored = (await officeEvents(server.store, office.id)).slice(before);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(wire.map((e) => e.id)));
    expect(JSON.parse(stored.find((r) => r.id === wire[1500]!.id)!.payload)).toEqual(wire[1500]!.payload);
  });
});
