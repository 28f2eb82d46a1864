/**
 * Loads a screen's data now and again every few seconds while it is shown, so work recorded at another
 * counter (or arriving by sync) shows up, as the desks do. One place to replace when the app announces its
 * changes instead (DESIGN §1).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../contract/result';

export interface Polled<T> {
  value: T | null;
  fetchedAt: number;
  error: string | null;
  reload(): Promise<void>;
  set(value: T): void;
}

export function usePoll<T>(load: () => Promise<Result<T>>, intervalMs = 5000): Polled<T> {
  const [state, setState] = useState<{ value: T | null; fetchedAt: number; error: string | null }>({ value: null, fetchedAt: 0, error: null });
  const reload = useCallback(async () => {
    const r = await load();
    if (r.ok) setState({ value: r.value, fetchedAt: Date.now(), error: null });
    else setState((s) => ({ ...s, error: r.error.message }));
  }, [load]);
  useEffect(() => {
    void reload();
    const t = setInterval(() => void reload(), intervalMs);
    return () => clearInterval(t);
  }, [reload, intervalMs]);
  const set = useCallback((value: T) => setState({ value, fetchedAt: Date.now(), error: null }), []);
  return { ...state, reload, set };
}
