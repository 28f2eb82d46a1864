/**
 * What the backend announces after each commit (DESIGN §1: "The backend announces what each commit changed;
 * screens subscribe and refresh what they show. Nothing polls the database on a timer."). A notice names
 * the aggregates whose state changed (from `appendEvents`' `affected`), never their content: no personal
 * data crosses with it. Electron sends it over the `counter:changed` IPC message (electron/preload.ts), the
 * browser shell over a server-sent event stream (GET /api/__changes, shell/server.ts).
 */
import { z } from 'zod';

/** More aggregates than this in one commit (a large sync page) are announced by type only. */
export const MAX_NOTICE_IDS = 200;

export const changeNoticeSchema = z.object({
  /** Increases by one per notice of this backend run. */
  seq: z.number().int(),
  /** What caused it: a local action, a sync page, the sync engine's own state, or the clock reaching counter hours' start or end. */
  origin: z.enum(['local', 'sync', 'system', 'clock']),
  /** Ids of the aggregates that changed; null when there were too many to list (treat every one of `types` as changed). */
  ids: z.array(z.string()).nullable(),
  /** Aggregate types that changed ('visit', 'vendor', 'user', 'calendar', …), plus 'sync' and 'clock' for those origins. */
  types: z.array(z.string()),
});
export type ChangeNotice = z.infer<typeof changeNoticeSchema>;
