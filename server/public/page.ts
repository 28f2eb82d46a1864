/**
 * The shell of the central server's public pages (issue 12: the complaint and suggestion form; reused by the
 * satisfaction survey's page, which passes its own title, links, body and footer): plain, accessible
 * Indonesian HTML that works on a phone without JavaScript.
 * One stylesheet (`/publik/gaya.css`), no scripts, a strict Content-Security-Policy, the office's own header
 * (name, address, logo from its settings in the log), an error summary that links to each field, and form
 * helpers whose labels, hints and errors are tied to their inputs (`aria-describedby`, `aria-invalid`).
 * Every value is escaped by the `html` tag of the print templates.
 */
import { html, isSafeImageDataUrl, raw, type SafeHtml } from '../../print/html';

export const PUBLIC_CSS_PATH = '/publik/gaya.css';

/** Headers of every public page: no scripts, no framing, no referrer, never cached (forms carry tokens). */
export const PUBLIC_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** The headers of a page that loads its own same-origin scripts (`PageOptions.scripts`): still no inline code. */
export const PUBLIC_SCRIPT_HEADERS: Readonly<Record<string, string>> = {
  ...PUBLIC_HEADERS,
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export interface PageOffice {
  name: string;
  address: string | null;
  contact: string | null;
  logoDataUrl: string | null;
}

export interface PageLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface PageOptions {
  title: string;
  office: PageOffice | null;
  body: SafeHtml;
  /** The office's pages, shown as a small menu. */
  links?: PageLink[];
  /** What the page says about the data it collects (each set of pages names its own purpose). */
  footer?: string;
  /** Same-origin scripts (progressive enhancement only; the page works without them). Sent with `PUBLIC_SCRIPT_HEADERS`. */
  scripts?: readonly string[];
}

const DEFAULT_FOOTER =
  'Data yang Anda kirim hanya digunakan untuk keperluan pelayanan sesuai Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018 dan UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.';

export function publicPage(o: PageOptions): string {
  const office = o.office;
  const logo = office?.logoDataUrl && isSafeImageDataUrl(office.logoDataUrl) ? html`<img src="${office.logoDataUrl}" alt="" class="logo">` : '';
  const head = office
    ? html`<header class="office">${logo}<div><div class="office-name">${office.name}</div>${office.address ? html`<div class="office-addr">${office.address}</div>` : ''}${
        office.contact ? html`<div class="office-addr">${office.contact}</div>` : ''
      }</div></header>`
    : '';
  const nav = o.links?.length
    ? html`<nav aria-label="Halaman layanan publik"><ul class="links">${o.links.map(
        (l) => html`<li><a href="${l.href}"${l.current ? raw(' aria-current="page"') : ''}>${l.label}</a></li>`,
      )}</ul></nav>`
    : '';
  return (
    '<!DOCTYPE html>\n' +
    html`<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${o.title}${office ? ` — ${office.name}` : ''}</title><link rel="stylesheet" href="${PUBLIC_CSS_PATH}">${(o.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}</head><body><a class="skip" href="#isi">Langsung ke isi</a>${head}${nav}<main id="isi">${o.body}</main><footer>${o.footer ?? DEFAULT_FOOTER}</footer></body></html>`
      .value
  );
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** The list of problems at the top of a form, each a link to its field (WCAG 3.3.1). */
export function errorSummary(issues: readonly FieldIssue[]): SafeHtml {
  if (issues.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="kesalahan"><h2>Periksa kembali isian berikut</h2><ul>${issues.map(
    (i) => html`<li><a href="#f-${i.field}">${i.message}</a></li>`,
  )}</ul></div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  required?: boolean;
  hint?: string;
  issues?: readonly FieldIssue[];
  kind?: 'text' | 'textarea' | 'email' | 'tel' | 'date';
  maxLength: number;
  rows?: number;
  autocomplete?: string;
}

function describedBy(id: string, hint: boolean, error: boolean): SafeHtml {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-err` : null].filter(Boolean).join(' ');
  return ids ? raw(` aria-describedby="${ids}"`) : raw('');
}

export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const error = o.issues?.find((i) => i.field === o.name)?.message;
  const req = o.required ? raw(' required aria-required="true"') : raw('');
  const invalid = error ? raw(' aria-invalid="true"') : raw('');
  const auto = o.autocomplete ? html` autocomplete="${o.autocomplete}"` : html` autocomplete="off"`;
  const control =
    o.kind === 'textarea'
      ? html`<textarea id="${id}" name="${o.name}" rows="${String(o.rows ?? 5)}" maxlength="${String(o.maxLength)}"${req}${invalid}${describedBy(id, !!o.hint, !!error)}>${o.value ?? ''}</textarea>`
      : html`<input id="${id}" name="${o.name}" type="${o.kind ?? 'text'}" value="${o.value ?? ''}" maxlength="${String(o.maxLength)}"${auto}${req}${invalid}${describedBy(id, !!o.hint, !!error)}>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${o.label}${o.required ? html` <span class="req">(wajib)</span>` : ''}</label>${
    o.hint ? html`<div class="hint" id="${id}-hint">${o.hint}</div>` : ''
  }${error ? html`<div class="error" id="${id}-err">${error}</div>` : ''}${control}</div>`;
}

export function selectField(o: { name: string; label: string; value?: string; options: readonly { value: string; label: string }[]; hint?: string; issues?: readonly FieldIssue[] }): SafeHtml {
  const id = `f-${o.name}`;
  const error = o.issues?.find((i) => i.field === o.name)?.message;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${o.label}</label>${o.hint ? html`<div class="hint" id="${id}-hint">${o.hint}</div>` : ''}${
    error ? html`<div class="error" id="${id}-err">${error}</div>` : ''
  }<select id="${id}" name="${o.name}"${describedBy(id, !!o.hint, !!error)}>${o.options.map(
    (x) => html`<option value="${x.value}"${x.value === (o.value ?? '') ? raw(' selected') : ''}>${x.label}</option>`,
  )}</select></div>`;
}

export function checkboxField(o: { name: string; label: string; checked: boolean; issues?: readonly FieldIssue[]; required?: boolean }): SafeHtml {
  const id = `f-${o.name}`;
  const error = o.issues?.find((i) => i.field === o.name)?.message;
  return html`<div class="field check${error ? ' has-error' : ''}">${error ? html`<div class="error" id="${id}-err">${error}</div>` : ''}<input type="checkbox" id="${id}" name="${o.name}" value="ya"${
    o.checked ? raw(' checked') : raw('')
  }${o.required ? raw(' required aria-required="true"') : raw('')}${error ? raw(` aria-invalid="true" aria-describedby="${id}-err"`) : raw('')}><label for="${id}">${o.label}</label></div>`;
}

/** The stylesheet: large touch targets, readable on a 360 px screen, visible focus, no colour-only meaning. */
export const PUBLIC_CSS = `
*{box-sizing:border-box}
html{font-size:17px;-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:42rem;padding:0 1rem 2rem;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1f24;background:#fff}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.4rem .6rem;z-index:2}
header.office{display:flex;gap:.75rem;align-items:center;padding:1rem 0 .75rem;border-bottom:3px double #123b63;margin-bottom:.75rem}
header.office .logo{height:3.2rem;width:auto}
.office-name{font-weight:700;color:#123b63;line-height:1.25}
.office-addr{font-size:.85rem;color:#4a5563}
ul.links{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;margin:0 0 1rem}
ul.links a{color:#0b4f8a}
ul.links a[aria-current=page]{font-weight:700;text-decoration:none;color:#1b1f24}
h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0 .5rem;color:#123b63}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
p{margin:.4rem 0 .8rem}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
fieldset{border:0;padding:0;margin:1rem 0}
legend{font-weight:700;font-size:1.05rem;margin-bottom:.25rem}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.2rem}
.req{font-weight:400;color:#4a5563;font-size:.9rem}
.hint{color:#4a5563;font-size:.9rem;margin-bottom:.3rem}
input[type=text],input[type=email],input[type=tel],input[type=date],input:not([type]),textarea,select{width:100%;font:inherit;padding:.65rem .7rem;border:2px solid #5c6775;border-radius:6px;background:#fff;color:inherit;min-height:2.9rem}
textarea{resize:vertical}
.field.check{display:flex;gap:.6rem;align-items:flex-start;flex-wrap:wrap}
.field.check input{width:1.5rem;height:1.5rem;margin:.1rem 0 0;flex:none}
.field.check label{flex:1;font-weight:400;min-width:12rem}
.field.check .error{flex-basis:100%}
.has-error input,.has-error textarea,.has-error select{border-color:#b42318}
.error{color:#b42318;font-weight:600;margin-bottom:.3rem}
.error-summary{border:3px solid #b42318;padding:.75rem 1rem;margin:1rem 0;border-radius:6px}
.error-summary h2{margin:0 0 .4rem;font-size:1.05rem;color:#b42318}
.error-summary ul{margin:0;padding-left:1.2rem}
button,.button{display:inline-block;font:inherit;font-weight:700;padding:.75rem 1.25rem;min-height:3rem;border-radius:6px;border:2px solid #123b63;background:#123b63;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#123b63}
.hp{position:absolute!important;left:-10000px!important;width:1px;height:1px;overflow:hidden}
.notice{border-left:5px solid #0f7b6c;background:#f2f7f6;padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.notice.warn{border-color:#a05a00;background:#fff7e6}
.notice.error{border-color:#b42318;background:#fdecea}
.code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:1.2rem;font-weight:700;letter-spacing:.05em;word-break:break-all}
dl.kv{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.3rem .9rem;margin:.5rem 0 1rem}
dl.kv dt{color:#4a5563}
dl.kv dd{margin:0;font-weight:600}
ol.steps{padding-left:1.2rem}
ol.steps li{margin-bottom:.35rem}
.words{white-space:pre-wrap;border-left:4px solid #c5ced8;padding:.25rem .75rem;margin:.25rem 0 1rem}
footer{margin-top:2rem;padding-top:.75rem;border-top:1px solid #d6dce3;color:#4a5563;font-size:.85rem}
fieldset.question{border-top:1px solid #d6dce3;padding-top:.75rem;margin:0 0 1rem}
fieldset.question legend{font-weight:600;font-size:1rem;padding:0}
.question .element{display:block;color:#4a5563;font-size:.85rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.choices{display:grid;gap:.4rem;margin-top:.4rem}
.choices.row{grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr))}
.choice{display:flex;align-items:center;gap:.6rem;min-height:3rem;padding:.45rem .75rem;border:2px solid #c5ced8;border-radius:6px;cursor:pointer}
.choice input{width:1.4rem;height:1.4rem;margin:0;flex:none;accent-color:#123b63}
.choice:has(input:checked){border-color:#123b63;background:#eef3f8;font-weight:600}
.choice:has(input:focus-visible){outline:3px solid #f0b400;outline-offset:2px}
.has-error .choice{border-color:#b42318}
.code-input{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;letter-spacing:.06em;text-transform:uppercase}
@media (max-width:30rem){dl.kv{grid-template-columns:1fr}dl.kv dd{margin-bottom:.4rem}button,.button{width:100%}}
`;
