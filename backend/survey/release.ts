/**
 * Releases held kiosk responses into the log when their day is over (backend/survey/codes.ts): at start,
 * then every ten minutes while the app runs. Reports and `ikm` also release before they count, so a report
 * opened after midnight includes yesterday's kiosk answers even between two timer runs.
 */
import type { AppContext } from '../context';
import { log } from '../log';
import { releaseHeldResponses } from './codes';

export const RELEASE_INTERVAL_MS = 10 * 60_000;

export function startSurveyRelease(app: AppContext): () => void {
  const run = () =>
    releaseHeldResponses(app).then(
      (n) => n > 0 && log.info('survey_responses_released', { count: n }),
      (err: unknown) => log.warn('survey_release_failed', { error: err instanceof Error ? err.message : String(err) }),
    );
  const first = setTimeout(() => void run(), 2_000);
  const timer = setInterval(() => void run(), RELEASE_INTERVAL_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
