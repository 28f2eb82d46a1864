/** Messages between the main thread's job runner and the background worker (plain data, structured clone). */
import type { FieldIssue } from '../../contract/result';
import type { JobInputs, JobKind, JobOutputs } from './tasks';

/**
 * What the worker needs to open the database exactly as the main connection does. Only data crosses into a
 * worker: an option that is a function or an object with methods (a key store) must be resolved into data
 * (a path, a key) by the main thread before it is put here.
 */
export interface WorkerOpenOptions {
  nativeBinding?: string;
  /** The database key (ADR 0017), as bytes: a Buffer arrives as a plain Uint8Array after structured clone. */
  key?: Uint8Array | null;
}

export interface WorkerData {
  dataDir: string;
  open: WorkerOpenOptions;
}

export type WorkerRequest = { type: 'job'; id: number; kind: JobKind; input: JobInputs[JobKind] } | { type: 'close' };

export interface SerializedError {
  name: string;
  message: string;
  code: string | null;
  issues: FieldIssue[] | null;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; id: number; fraction: number; phase: string }
  | { type: 'done'; id: number; value: JobOutputs[JobKind] }
  | { type: 'failed'; id: number; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const issues = (err as { issues?: unknown }).issues;
    return {
      name: err.constructor.name,
      message: err.message,
      code: typeof code === 'string' ? code : null,
      issues: Array.isArray(issues) ? (issues as FieldIssue[]) : null,
    };
  }
  return { name: 'Error', message: String(err), code: null, issues: null };
}
