/**
 * Printing straight to a chosen printer, without the system dialog (Electron's silent printing): the printer
 * picker and its button, shared by the visit's documents and the complaint letters.
 */
import type { OutputOf } from '../../../contract/api';

export function DirectPrint(props: {
  printers: OutputOf<'print.printers'>['printers'];
  printer: string;
  onPrinter: (name: string) => void;
  disabled: boolean;
  onPrint: () => void;
}) {
  return (
    <>
      <select aria-label="Printer" value={props.printer} onChange={(e) => props.onPrinter(e.target.value)} style={{ width: 'auto' }}>
        <option value="">Pilih printer…</option>
        {props.printers.map((p) => (
          <option key={p.name} value={p.name}>
            {p.displayName}
            {p.isDefault ? ' (bawaan)' : ''}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" disabled={props.disabled || !props.printer} onClick={props.onPrint}>
        Cetak langsung
      </button>
    </>
  );
}
