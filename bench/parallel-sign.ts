/**
 * Signing a long run of one device's events on every core, for building bench datasets (join's server
 * office: 1,000,000 signed events). Same result as `signEvents` (trust/events.ts): each event names the
 * hash of the previous one (`prev`) and carries `<key id>.<Ed25519 signature>` over its canonical form.
 *
 * The chain is sequential but cheap (canonical form and SHA-256, on the calling thread); the signatures are
 * independent and are what costs (Ed25519 at ~50 µs each, more than half of the build): they are made by
 * worker threads, one per core, while the caller goes on chaining and storing. Ed25519 is deterministic, so
 * which thread signs changes nothing; one signature per batch is verified on the calling thread with the
 * trust module's own `verifyText`, so a worker that signed differently would stop the build.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StoredEvent } from '../domain/events/schema';
import { hashText, verifyText, type SigningKey } from '../trust/ed25519';
import { eventSigningText } from '../trust/events';
import { canonicalEvent } from '../domain/events/codec';

// Plain CommonJS for an `eval` worker (no bundle entry needed): what trust/ed25519.ts's signText does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const key = crypto.createPrivateKey(workerData.pem);
parentPort.on('message', (m) => {
  const sigs = m.texts.map((t) => crypto.sign(null, Buffer.from(t, 'utf8'), key).toString('base64url'));
  parentPort.postMessage({ id: m.id, sigs });
});
`;

export class ParallelSigner {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (sigs: string[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private prev: string | null;
  private readonly publicKey: crypto.KeyObject;

  constructor(
    private readonly key: SigningKey,
    pem: string,
    prevHash: string | null,
    threads = Math.max(1, os.availableParallelism()),
  ) {
    this.prev = prevHash;
    this.publicKey = crypto.createPublicKey(key.privateKey);
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { pem } });
      w.on('message', (m: { id: number; sigs: string[] }) => {
        this.waiting.get(m.id)?.resolve(m.sigs);
        this.waiting.delete(m.id);
      });
      w.on('error', (err) => {
        for (const p of this.waiting.values()) p.reject(err);
        this.waiting.clear();
      });
      return w;
    });
  }

  /**
   * Chains `events` after the previous batch (in place: `prev`) at once, and resolves when their signatures
   * are set. Batches may be in flight together; they chain in the order this is called.
   */
  sign(events: StoredEvent[]): Promise<StoredEvent[]> {
    const texts: string[] = [];
    for (const e of events) {
      e.prev = this.prev;
      const canonical = canonicalEvent(e);
      texts.push(eventSigningText(canonical));
      this.prev = hashText(canonical);
    }
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise<string[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    }).then((sigs) => {
      if (sigs.length !== events.length) throw new Error('parallel-sign: a worker returned the wrong number of signatures');
      if (events.length > 0 && !verifyText(texts[0]!, sigs[0]!, this.publicKey)) throw new Error('parallel-sign: a worker signature does not verify');
      for (let i = 0; i < events.length; i++) events[i]!.signature = `${this.key.keyId}.${sigs[i]!}`;
      return events;
    });
  }

  /** The hash of the last event chained: the next event's `prev`. */
  get lastHash(): string | null {
    return this.prev;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
