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
