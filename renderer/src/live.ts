/**
 * Live data for screens: one hook gives a screen its data, whether a read is under way, the last error, and
 * protection against stale answers; it reads again when the backend announces a change the screen shows
 * (contract/changes.ts, backend/changes.ts), never on a timer. Actions go through `useAction`, which keeps
 * the busy state so a screen can disable (never unmount) its controls while a save runs.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ChangeNotice } from '../../contract/changes';
import type { ApiError, Result } from '../../contract/result';
import { subscribeChanges } from './api';

/** What a screen shows, for matching change notices. */
export interface Interest {
  /** Aggregate ids (a visit the screen shows). */
  ids?: readonly string[];
  /** Aggregate types: any change of one of them ('visit' for a list of visits). */
  types?: readonly string[];
  /** Counter hours opening or closing, midnight: screens with service clocks or "today". */
  clock?: boolean;
  /** The sync engine's state (the sync status widget). */
  sync?: boolean;
}

export function touches(n: ChangeNotice, i: Interest): boolean {
  if (n.types.includes('*')) return true;
  if (i.clock && n.types.includes('clock')) return true;
  if (i.sync && n.types.includes('sync')) return true;
  if (i.types?.some((t) => n.types.includes(t))) return true;
  if (i.ids && i.ids.length > 0) {
    // Too many to list: any aggregate may be one of ours.
    if (n.ids === null) return !n.types.every((t) => t === 'clock' || t === 'sync');
    return n.ids.some((id) => i.ids!.includes(id));
  }
  return false;
}

/** Notices arriving this close together (a sync page after a page) cause one read. */
const COALESCE_MS = 30;

export interface Live<T> {
  data: T | null;
  error: ApiError | null;
  /** A read is under way (the first, or a refresh). */
  loading: boolean;
  /** When the shown data was read (Date.now()), for countdowns that tick locally from it. */
  fetchedAt: number;
  /** Reads again now. */
  reload: () => Promise<void>;
  /**
   * Shows an answer the screen already has (an action returns the visit as it left it). Any read started
   * before is dropped when it answers, so an older answer never replaces a newer one.
   */
  set: (value: T) => void;
}

/**
 * `load` reads what the screen shows; it runs when `deps` change and when a change notice matches
 * `interest`. Every read takes a number; an answer is shown only if no newer read or `set` came after it.
 */
export function useLive<T>(load: () => Promise<Result<T>>, deps: DependencyList, interest: Interest | ((n: ChangeNotice) => boolean)): Live<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; fetchedAt: number }>({ data: null, error: null, fetchedAt: 0 });
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const interestRef = useRef(interest);
  interestRef.current = interest;

  const reload = useCallback(async () => {
    const mine = ++latest.current;
    setLoading(true);
    const r = await loadRef.current();
    if (mine !== latest.current) return;
    setLoading(false);
    if (r.ok) setState({ data: r.value, error: null, fetchedAt: Date.now() });
    else setState((s) => ({ ...s, error: r.error }));
  }, []);

  const set = useCallback((value: T) => {
    ++latest.current;
    setLoading(false);
    setState({ data: value, error: null, fetchedAt: Date.now() });
  }, []);

  // `deps` name what `load` reads (`reload` reads through the ref); the lint checks them where each screen
  // calls useLive (eslint.config.mjs, additionalHooks), so not here.
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list, checked at the call site
  }, [reload, ...deps]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribeChanges((n) => {
      const i = interestRef.current;
      if (!(typeof i === 'function' ? i(n) : touches(n, i))) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void reload();
      }, COALESCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);

  return { ...state, loading, reload, set };
}

/** Calls `fn` on each matching change notice (for screens that keep their own state, such as a form). */
export function useChanges(interest: Interest, fn: (n: ChangeNotice) => void): void {
  const ref = useRef({ interest, fn });
  ref.current = { interest, fn };
  useEffect(
    () =>
      subscribeChanges((n) => {
        if (touches(n, ref.current.interest)) ref.current.fn(n);
      }),
    [],
  );
}

/**
 * The busy state of a screen's actions. `run` refuses a second action while one is under way (a double
 * Enter), and the screen disables its buttons with `busy`: controls stay mounted and keep their focus.
 */
export function useAction(): { busy: boolean; run: <R>(fn: () => Promise<R>) => Promise<R | undefined> } {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(async <R,>(fn: () => Promise<R>): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await fn();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}

/**
 * Actions that run one after another in the order they were asked for: a key pressed while an earlier
 * action is still being answered is queued behind it, never dropped (docs/architecture.md, "Keys during an
 * action"). `run` resolves with the action's result and rejects with its error; a failed action does not stop
 * the ones queued behind it. `fn` is told through `last()` whether nothing is queued behind it (the screen can
 * then show its answer, which holds every earlier action's). `busy` is true while anything is queued or
 * running; `pending()` counts them without a render; `idle()` waits for everything asked for so far.
 */
export function useInOrder(): {
  busy: boolean;
  pending: () => number;
  idle: () => Promise<void>;
  run: <R>(fn: (last: () => boolean) => Promise<R>) => Promise<R>;
} {
  const tail = useRef<Promise<void>>(Promise.resolve());
  const count = useRef(0);
  const [busy, setBusy] = useState(false);
  const pending = useCallback(() => count.current, []);
  const idle = useCallback(() => tail.current, []);
  const run = useCallback(<R,>(fn: (last: () => boolean) => Promise<R>): Promise<R> => {
    count.current += 1;
    setBusy(true);
    const done = tail.current
      .then(() => fn(() => count.current === 1))
      .finally(() => {
        count.current -= 1;
        if (count.current === 0) setBusy(false);
      });
    tail.current = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }, []);
  return { busy, pending, idle, run };
}
