import { useEffect, useRef, type RefObject } from 'react';
import { useApp, type Route } from '../store';

/**
 * Puts the focus where a screen's work starts (the guest book's search, the first unchecked requirement, the
 * desk's first file), once what it needs has loaded, and again each time the user comes to the screen
 * (Alt+1 on the guest book while on it: back to the search). A person typing elsewhere on the screen
 * already is not interrupted by a later refresh.
 */
export function useStartFocus(target: RefObject<HTMLElement | null> | (() => HTMLElement | null), ready: boolean): void {
  const route = useApp((s) => s.route);
  const focusedFor = useRef<Route | null>(null);
  useEffect(() => {
    if (!ready || focusedFor.current === route) return;
    const el = typeof target === 'function' ? target() : target.current;
    if (!el) return;
    focusedFor.current = route;
    el.focus();
  });
}

/**
 * Moves the focus to where the work goes on after an action, as soon as it is on the page (a button that
 * appears once the action's answer is shown, a panel that loads after the screen). `selectors` are tried in
 * order; the element that had the focus when this was called (the button just pressed) and disabled ones are
 * skipped. When there are several, the last is the fallback: taken only if none of the others has appeared
 * within a moment. Gives up after `timeoutMs`.
 */
export function focusWhenPresent(selectors: string | readonly string[], timeoutMs = 3000): void {
  const list = typeof selectors === 'string' ? [selectors] : selectors;
  const pressed = document.activeElement;
  const started = Date.now();
  const find = (withFallback: boolean): HTMLElement | null => {
    const n = withFallback || list.length === 1 ? list.length : list.length - 1;
    for (const selector of list.slice(0, n)) {
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (el !== pressed && !el.hasAttribute('disabled')) return el;
      }
    }
    return null;
  };
  let done = false;
  const attempt = () => {
    if (done) return;
    const el = find(Date.now() - started >= FALLBACK_AFTER_MS);
    if (!el) return;
    done = true;
    observer.disconnect();
    clearTimeout(fallback);
    clearTimeout(giveUp);
    el.focus();
  };
  const observer = new MutationObserver(attempt);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'aria-disabled'] });
  const fallback = setTimeout(attempt, FALLBACK_AFTER_MS);
  const giveUp = setTimeout(() => {
    done = true;
    observer.disconnect();
  }, timeoutMs);
  attempt();
}

const FALLBACK_AFTER_MS = 400;
