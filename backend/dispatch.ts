/**
 * Serves the contract: validates the input, checks the caller's access, runs the handler, and (in tests and
 * development: db/self-checks.ts) validates the output. Every transport (Electron IPC, browser shell HTTP, CLI, tests) calls `dispatch`; nothing else
 * reaches a handler.
 */
import { holdsAnyRole } from '../domain/roles';
import { z } from 'zod';
import { AppError, ERROR_MESSAGES, type ApiError, type FieldIssue, type Result } from '../contract/result';
import { api, isMethodName } from '../contract/api';
import { ALLOWED_WHILE_LOCKED } from '../contract/staff';
import type { AppContext, CallContext } from './context';
import { handlers } from './handlers';
import { log } from './log';
import { isStorageFull } from './data-safety';
import { SELF_CHECKS, dataDifference } from '../db/self-checks';

/** Methods that repair a damaged database: allowed when every other change is refused. */
export const ALLOWED_WHEN_DAMAGED: ReadonlySet<string> = new Set(['dataSafety.restore', 'dataSafety.rebuild', 'dataSafety.undoRestore', 'dataSafety.restoreFromServer']);

z.config(z.locales.id());

export async function dispatch(app: AppContext, methodName: string, rawInput: unknown, sessionToken: string | null): Promise<Result<unknown>> {
  if (!isMethodName(methodName)) return fail({ code: 'unknown_method', message: ERROR_MESSAGES.unknown_method });
  const def = api[methodName];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail({ code: 'invalid_input', message: ERROR_MESSAGES.invalid_input, issues: toIssues(parsed.error) });
  }
  const session = app.sessions.touch(sessionToken, app.now());
  if (def.access.kind !== 'public') {
    if (!session) return fail({ code: 'unauthenticated', message: ERROR_MESSAGES.unauthenticated });
    if (def.access.kind === 'roles' && !holdsAnyRole(session.roles, def.access.roles)) {
      return fail({ code: 'forbidden', message: ERROR_MESSAGES.forbidden });
    }
    if (session.lockedAt && !ALLOWED_WHILE_LOCKED.has(methodName)) return fail({ code: 'locked', message: ERROR_MESSAGES.locked });
  }
  // A read-only or damaged database refuses every method that changes data (contract `mutates`), with the
  // reason the banner gives; the restore methods are how a damaged one is repaired (issue 15).
  if (def.mutates && app.storage.mode !== 'normal' && !(app.storage.mode === 'damaged' && ALLOWED_WHEN_DAMAGED.has(methodName))) {
    return fail({ code: 'read_only', message: app.storage.message ?? ERROR_MESSAGES.read_only });
  }
  const ctx: CallContext = { app, session };
  try {
    const handler = handlers[methodName] as (ctx: CallContext, input: unknown) => Promise<unknown>;
    // What the handler's transactions change is announced as each commits (backend/changes.ts).
    const value = await handler(ctx, parsed.data);
    // The answer is this process's own: checked against the output schema where handlers are tested, and
    // there it must come out unchanged, since the built app returns it as it is (db/self-checks.ts).
    if (SELF_CHECKS) {
      const out = def.output.safeParse(value);
      const changed = out.success ? dataDifference(out.data, value) : null;
      if (!out.success || changed !== null) {
        // Paths only, never values: answers carry personal data.
        const issues = out.success ? `changed by the output schema (a stripped key, a default or a transform) at "${changed}"` : out.error.issues.map((i) => i.path.join('.')).join(', ');
        log.error('output_contract_violation', { method: methodName, issues });
        return fail({ code: 'internal', message: ERROR_MESSAGES.internal });
      }
    }
    return { ok: true, value };
  } catch (err) {
    // A full disk: SQLite rolled the transaction back (nothing half-written); say so plainly.
    if (isStorageFull(err)) {
      log.error('storage_full', { method: methodName });
      return fail({ code: 'storage_full', message: ERROR_MESSAGES.storage_full });
    }
    if (err instanceof AppError) return fail({ code: err.code, message: err.message || ERROR_MESSAGES[err.code], ...(err.issues ? { issues: err.issues } : {}) });
    // Never log inputs: they carry personal data (NIK, phone).
    log.error('handler_failed', { method: methodName, error: err instanceof Error ? err.message : String(err) });
    return fail({ code: 'internal', message: ERROR_MESSAGES.internal });
  }
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
