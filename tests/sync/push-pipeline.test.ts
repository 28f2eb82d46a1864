/**
 * The pipelined push (ADR 0039): batch n + 1 is read and encoded while the server handles batch n, and is
 * sent only when n's answer left the log where the read ahead assumed. These are the failure modes the
 * read ahead adds: n refused (or cut) while n + 1 is prepared, n acknowledged only in part, and events
 * recorded while n is in flight. In each, batches go out strictly one after the other, numbered on from
 * the server's last per-device number, and the office converges.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PushRequest, PushResponse } from '../../contract/sync-protocol';
import { HttpTransport, SyncTransportError, type EncodedBody, type SyncTransport } from '../../backend/sync/transport';
import { expectConverged } from './converge';
import { enroll, SERVER_KINDS, setUpSupervisor, snapshot, startPc, TestSyncServer, type Pc } from './harness';
import { counterActivity } from './workload';

let server: TestSyncServer | null = null;
let pcs: Pc[] = [];
afterEach(async () => {
  for (const pc of pcs) await pc.close().catch(() => undefined);
  pcs = [];
  await server?.destroy();
  server = null;
});

interface Sent {
  firstDeviceSeq: number | null;
  ids: string[];
}

/**
 * The real HTTP transport (encoded bodies included), recording every push that goes out and letting a test
 * act on one: `onPush(k, req)` runs before the k-th push (1-based) is sent; it may throw to stand for a
 * refusal, or return a request to send instead (a server that takes only part of a batch).
 */
class RecordingTransport implements SyncTransport {
  readonly inner = new HttpTransport({ timeoutMs: 10_000 });
  readonly sent: Sent[] = [];
  /** Batches encoded (prepared) so far, whether or not they were sent. */
  encoded = 0;
  onPush: ((k: number, req: PushRequest) => Promise<PushRequest | void> | PushRequest | void) | null = null;
  private readonly requests = new WeakMap<EncodedBody, PushRequest>();

  enroll: SyncTransport['enroll'] = (...a) => this.inner.enroll(...a);
  session: SyncTransport['session'] = (...a) => this.inner.session(...a);
  pull: SyncTransport['pull'] = (...a) => this.inner.pull(...a);
  registerKey: SyncTransport['registerKey'] = (...a) => this.inner.registerKey(...a);

  async push(url: string, token: string, req: PushRequest, signal?: AbortSignal): Promise<PushResponse> {
    const actual = (await this.onPush?.(this.sent.length + 1, req)) ?? req;
    this.record(actual);
    return this.inner.push(url, token, actual, signal);
  }

  async encodePush(req: PushRequest): Promise<EncodedBody> {
    const body = await this.inner.encodePush(req);
    this.encoded++;
    this.requests.set(body, req);
    return body;
  }

  async pushEncoded(url: string, token: string, body: EncodedBody, signal?: AbortSignal): Promise<PushResponse> {
    const req = this.requests.get(body)!;
    const actual = await this.onPush?.(this.sent.length + 1, req);
    this.record(actual ?? req);
    return actual ? this.inner.push(url, token, actual, signal) : this.inner.pushEncoded(url, token, body, signal);
  }

  private record(req: PushRequest): void {
    this.sent.push({ firstDeviceSeq: req.firstDeviceSeq, ids: req.events.map((e) => e.id) });
  }
}

/** Each push numbered right after the one before it (per-device numbers from the server's last one). */
function expectNumberedOn(sent: readonly Sent[]): void {
  for (let i = 1; i < sent.length; i++) expect(sent[i]!.firstDeviceSeq).toBe(sent[i - 1]!.firstDeviceSeq! + sent[i - 1]!.ids.length);
}
describe.each(SERVER_KINDS)('the pipelined push (%s server)', (kind) => {
  async function office(): Promise<{ a: Pc; b: Pc; t: RecordingTransport; officeId: string }> {
    server = await TestSyncServer.start(kind);
    const { officeId, code } = await server.createOffice('LPSE');
    const t = new RecordingTransport();
    const a = await startPc('A', { pushBatchSize: 5, transport: t });
    const b = await startPc('B');
    pcs.push(a, b);
    await setUpSupervisor(a);
    await enroll(a, server.url, code);
    await enroll(b, server.url, await server.newCode(officeId));
    await a.sync();
    await b.sync();
    return { a, b, t, officeId };
  }

  it('batch n refused while n + 1 is read ahead: n + 1 is never sent, and the next cycle starts again at n', async () => {
    const { a, b, t, officeId } = await office();
    await counterActivity(a, 4);
    const pending = snapshot(a).pending;
    expect(pending).toBeGreaterThan(15);
    t.sent.length = 0;
    let refusedIds: string[] = [];
    let refusedSeq: number | null = null;
    t.onPush = async (k, req) => {
      if (k !== 2) return;
      // Let the read ahead of batch 3 finish first, so the refusal really meets a prepared batch.
      const before = t.encoded;
      for (let i = 0; i < 200 && t.encoded === before; i++) await new Promise((r) => setTimeout(r, 5));
      expect(t.encoded).toBeGreaterThan(before);
      refusedIds = req.events.map((e) => e.id);
      refusedSeq = req.firstDeviceSeq;
      throw new SyncTransportError('server', 'HTTP 503', { status: 503 });
    };
    const s = await a.sync();
    expect(s.state).not.toBe('online');
    // Batch 1 went out and was acknowledged; batch 2 was refused; batch 3 (prepared) was not sent.
    expect(t.sent.length).toBe(1);
    expect(snapshot(a).pending).toBe(pending - 5);

    t.onPush = null;
    t.sent.length = 0;
    const again = await a.sync();
    expect(again.state).toBe('online');
    expect(again.pendingCount).toBe(0);
    // The next cycle starts with the refused batch, numbered where the server expects it.
    expect(t.sent[0]!.ids).toEqual(refusedIds);
    expect(t.sent[0]!.firstDeviceSeq).toBe(refusedSeq);
    expectNumberedOn(t.sent);
    expect(new Set(t.sent.flatMap((x) => x.ids)).size).toBe(pending - 5);
    await b.sync();
    await expectConverged(server!, officeId, [a, b]);
  });

  it('batch n acknowledged only in part: the prepared n + 1 is dropped and the rest of n is sent, numbered on', async () => {
    const { a, b, t, officeId } = await office();
    await counterActivity(a, 4);
    const pending = snapshot(a).pending;
    t.sent.length = 0;
    // The second batch reaches the server with only its first two events (a server taking part of a batch).
    t.onPush = (k, req) => (k === 2 ? { ...req, events: req.events.slice(0, 2) } : undefined);
    const s = await a.sync();
    expect(s.state).toBe('online');
    expect(s.pendingCount).toBe(0);
    expectNumberedOn(t.sent);
    // Every event went out exactly once: the three left out of batch 2 were read again, not skipped.
    const ids = t.sent.flatMap((x) => x.ids);
    expect(ids.length).toBe(pending);
    expect(new Set(ids).size).toBe(pending);
    await b.sync();
    await expectConverged(server!, officeId, [a, b]);
  });

  it('events recorded while the last batch is in flight go out in the same cycle', async () => {
    const { a, b, t, officeId } = await office();
    await counterActivity(a, 2);
    const pending = snapshot(a).pending;
    const batches = Math.ceil(pending / 5);
    t.sent.length = 0;
    let recorded = false;
    t.onPush = async (k) => {
      if (k !== batches || recorded) return;
      recorded = true;
      await counterActivity(a, 1);
    };
    const s = await a.sync();
    expect(recorded).toBe(true);
    expect(s.state).toBe('online');
    expect(s.pendingCount).toBe(0);
    expectNumberedOn(t.sent);
    expect(t.sent.length).toBeGreaterThan(batches);
    await b.sync();
    await expectConverged(server!, officeId, [a, b]);
  });
});
