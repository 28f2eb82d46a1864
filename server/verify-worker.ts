/**
 * The sync server's verification worker (ADR 0039; bundled as verify-worker.mjs beside server.mjs and
 * bench.mjs): runs the signature checks of push batches (server/verify-job.ts) off the thread that parses
 * requests and writes the database.
 */
import { parentPort } from 'node:worker_threads';
import { runVerifyJob, type VerifyJob } from './verify-job';

parentPort?.on('message', (m: { id: number; job: VerifyJob }) => {
  try {
    parentPort!.postMessage({ id: m.id, verdicts: runVerifyJob(m.job) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
