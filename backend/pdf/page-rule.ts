/** Shared by the Chromium and Electron renderers. */

/** A script that appends an @page rule (the last rule wins) fixing the page to the paper actually used. */
export function pageRuleScript(widthMm: number, heightMm: number, marginMm: number): string {
  const rule = `@page { size: ${widthMm}mm ${heightMm.toFixed(2)}mm; margin: ${marginMm}mm; }`;
  return `(() => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(rule)}; document.head.appendChild(s); })()`;
}
