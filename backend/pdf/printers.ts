/**
 * Printers the backend can print to without a dialog. Only the Electron app has them (it registers a
 * {@link PrinterAccess}); the browser shell prints through the browser's own dialog.
 */
import type { PageSize } from '../../print/layouts';

export interface PrinterSummary {
  name: string;
  displayName: string;
  description: string;
  isDefault: boolean;
}

export interface SilentPrintOptions {
  printerName: string;
  pageSize: PageSize;
  marginMm: number;
  copies: number;
}

export interface PrinterAccess {
  list(): Promise<PrinterSummary[]>;
  print(html: string, opts: SilentPrintOptions): Promise<void>;
}
