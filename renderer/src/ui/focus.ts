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
 * Focuses the first element matching `selector` as soon as it is on the page (a panel that loads after the
 * screen, a button that appears once an action's answer is shown), giving up after `timeoutMs`.
 */
export function focusWhenPresent(selector: string, timeoutMs = 3000): void {
  const found = document.querySelector<HTMLElement>(selector);
  if (found) {
    found.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      observer.disconnect();
      clearTimeout(timer);
      el.focus();
    }
  });
  const timer = setTimeout(() => observer.disconnect(), timeoutMs);
  observer.observe(document.body, { childList: true, subtree: true });
}
