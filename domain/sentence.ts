/**
 * Ends a sentence with one full stop. Names and titles often end in one already ("Noorhasanah, S.Kom.",
 * "dr. …, M.Kes."), and free text typed by staff may too; appending "." blindly printed "S.Kom.." on
 * screens, receipts and the monthly report. Every sentence that ends with a name, an office or typed text
 * is closed through here. Pure.
 */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/**
 * The value to print after a label, without the label's own words repeated. The regulation's texts are
 * complete sentences that often begin with the component's name ("Jangka waktu penyelesaian kendala teknis…"
 * for service 7), so "Jangka waktu: Jangka waktu penyelesaian…" was printed on the receipt. Every place that
 * puts catalogue text after a label goes through here (print rows do so in `fields`, print/document.ts).
 * Case and a trailing colon are ignored; a text that only shares a prefix of a word is left alone. Pure.
 */
export function afterLabel(label: string, text: string): string {
  const l = label.trim().replace(/:$/, '').trim();
  const t = text.trimStart();
  if (!l || t.length <= l.length) return text;
  if (t.slice(0, l.length).toLocaleLowerCase('id') !== l.toLocaleLowerCase('id')) return text;
  const next = t.charAt(l.length);
  if (/[\p{L}\p{N}]/u.test(next)) return text; // "Jangka waktunya…" is not a repetition of "Jangka waktu"
  const rest = t.slice(l.length).replace(/^[\s:,.–-]+/, '');
  return rest || text;
}
