/** Printed documents: one entry point from data to a complete HTML document. Pure. */
import type { PrintLayout } from './layouts';
import { renderReceipt } from './receipt';
import { renderRejection } from './rejection';
import { renderReturnSlip } from './return-slip';
import type { PrintData } from './types';

export function renderDocument(data: PrintData, layout: PrintLayout): string {
  switch (data.kind) {
    case 'receipt':
      return renderReceipt(data, layout);
    case 'return_slip':
      return renderReturnSlip(data, layout);
    case 'rejection':
      return renderRejection(data, layout);
    default: {
      const never: never = data;
      throw new Error(`unknown document ${String((never as { kind: string }).kind)}`);
    }
  }
}

export { LAYOUTS, PRINT_LAYOUTS, layoutSpec, type PageSize, type PrintLayout } from './layouts';
export { withPageSize } from './document';
export type { PrintData, ReceiptData, ReturnSlipData, RejectionData } from './types';
