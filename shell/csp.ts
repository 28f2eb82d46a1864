/**
 * The renderer page's Content-Security-Policy, one definition for the browser shell and Electron's `app://`
 * protocol. No inline styles: `style-src` allows the bundle's own stylesheets and, per page load, one random
 * nonce. The print preview frame (srcdoc, which inherits this policy) puts that nonce on its own `<style>`
 * elements; nothing injected into the page can, as it cannot know the nonce. React's `style` props are set
 * through the CSSOM, which style-src does not govern.
 */
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function pageCsp(nonce: string, opts: { connectSelf: boolean }): string {
  return (
    `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data: blob:; ` +
    `${opts.connectSelf ? "connect-src 'self'; " : ''}frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
  );
}

/** The policy of everything that is not the page (scripts, styles, images): nothing inline at all. */
export const ASSET_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The page with its nonce, where the renderer finds it (`<meta name="csp-nonce">`). */
export function pageWithNonce(indexHtml: Buffer | string, nonce: string): string {
  return indexHtml.toString().replace(/<head>/i, `<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
}
