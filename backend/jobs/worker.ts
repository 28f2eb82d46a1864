/**
 * The background worker's entry (node `worker_threads`; bundled as `worker.mjs` beside the Node and the
 * Electron main bundles by build/build.mjs). It opens its own connection to the data folder's database
 * through the same `openDatabase` as the main connection (same pragmas, same native module, same keys),
 * read-only: a job in here can read everything and change nothing, so a worker that dies half-way leaves
 * the database as it was (docs/adr/0017-background-worker.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open';
import type { ReadContext } from '../context';
import { serializeError, type WorkerData, type WorkerReply, type WorkerRequest } from './protocol';
import { runTask, type JobConnection } from './tasks';

const port = parentPort;
if (!port) throw new Error('backend/jobs/worker.ts runs only as a worker thread');
const data = workerData as WorkerData;

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
    (value) => reply({ type: 'done', id: m.id, value }),
    (err: unknown) => reply({ type: 'failed', id: m.id, error: serializeError(err) }),
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
