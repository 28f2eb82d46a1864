/**
 * The background worker's entry (node `worker_threads`; bundled as `worker.mjs` beside the Node and the
 * Electron main bundles by build/build.mjs). It opens its own connection to the data folder's database
 * through the same `openDatabase` as the main connection (same pragmas, same native module, same keys),
 * read-only: a job in here can read everything and change nothing, so a worker that dies half-way leaves
 * the database as it was (docs/adr/0017-background-worker.md).
 */
import os from 'node:os';
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import { openDatabase } from '../../db/open';
import type { ReadContext } from '../context';
import { serializeError, type WorkerData, type WorkerReply, type WorkerRequest } from './protocol';
import { runTask, type JobConnection } from './tasks';

const port = parentPort;
if (!port) throw new Error('backend/jobs/worker.ts runs only as a worker thread');
const data = workerData as WorkerData;

/**
 * The worker gives way to the counter's thread when both want the CPU (a workstation may have two cores,
 * and the worker's own GC and SQLite work would otherwise take turns with the counter's clicks): on Linux
 * a thread's nice value is its own, and `os.setPriority` with pid 0 sets the calling thread's, so this
 * lowers this thread only. Elsewhere (Windows: the call would lower the whole process, the counter's
 * thread included) it is left as it is. docs/adr/0020-background-worker.md.
 */
const WORKER_NICE = 10;
if (process.platform === 'linux') {
  try {
    os.setPriority(WORKER_NICE);
  } catch {
    // Not allowed here (a sandbox): the worker runs at the counter's priority, as before.
  }
}

const { key, ...open } = data.open;
const opened = await openDatabase(data.dataDir, { ...open, key: key ? Buffer.from(key) : null, readonly: true });
let now = Date.now();
const ctx: ReadContext = { db: opened.db, dataDir: data.dataDir, now: () => now };
const conn: JobConnection = {
  ctx,
  sqlite: opened.sqlite,
  ownThread: true,
  setNow: (t) => {
    now = t;
  },
};

// One job at a time in this thread; the runner sends the next only when this one has answered.
port.on('message', (m: WorkerRequest) => {
  if (m.type === 'close') {
    void opened.close().finally(() => port.close());
    return;
  }
  const reply = (r: WorkerReply) => port.postMessage(r);
  let last = 0;
  runTask(conn, m.kind, m.input, (fraction, phase) => {
    // Progress at most every 100 ms: a message per row would cost more than the row.
    const t = Date.now();
    if (t - last < 100 && fraction < 1) return;
    last = t;
    reply({ type: 'progress', id: m.id, fraction, phase });
  }).then(
    // A file built here (an export) is handed over, not copied: the counter's thread then spends no time
    // copying megabytes out of the message.
    (value) => port.postMessage({ type: 'done', id: m.id, value } satisfies WorkerReply, transferables(value)),
    (err: unknown) => reply({ type: 'failed', id: m.id, error: serializeError(err) }),
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);

/** The memory of a result's file, when the file owns all of it (a pooled Buffer's memory is shared). */
function transferables(value: unknown): Transferable[] {
  const data = (value as { data?: unknown } | null)?.data;
  if (data instanceof Uint8Array && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return [data.buffer];
  return [];
}
