/**
 * How verbs reach the app: through the same backend and contract as the screens. The CLI is run by the
 * operator of the workstation, who already holds the data folder, so it opens an in-memory session for the
 * "local operator" with the roles a verb needs instead of asking for a staff password. Verbs that record
 * events on a person's behalf should sign in a real user instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../backend/app';
import type { InputOf, MethodName, OutputOf } from '../contract/api';
import { DB_FILE_NAME } from '../db/open';
import type { Role } from '../domain/events/schema';
import { CliError } from './verb';

export const OPERATOR_USER_ID = 'cli-operator';

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

export function databaseExists(dataDir: string): boolean {
  return fs.existsSync(databaseFile(dataDir));
}

/** Opens the backend on a data folder that must already hold a database (read verbs create nothing). */
export async function openExistingBackend(dataDir: string, now: () => number): Promise<Backend> {
  if (!databaseExists(dataDir)) {
    throw new CliError(`Folder data ${dataDir} belum berisi basis data aplikasi. Periksa --data-dir, atau jalankan aplikasi (atau "demo-data") terlebih dahulu.`);
  }
  // The CLI has no transport of its own in the contract; it serves the same handlers as the browser shell.
  // One-shot admin commands never sync: that is the running app's job.
  return createBackend({ dataDir, transport: 'browser', now, sync: false });
}

export function operatorSession(backend: Backend, roles: Role[]): string {
  return backend.ctx.sessions.create({ userId: OPERATOR_USER_ID, username: 'cli', displayName: 'Operator CLI', roles }, backend.ctx.now()).token;
}

/** Calls a contract method and returns its value, or throws the backend's Indonesian error message. */
export async function callApi<M extends MethodName>(backend: Backend, token: string | null, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await backend.dispatch(method, input, token);
  if (!r.ok) {
    const issues = r.error.issues?.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n');
    throw new CliError(issues ? `${r.error.message}\n${issues}` : r.error.message);
  }
  return r.value as OutputOf<M>;
}
