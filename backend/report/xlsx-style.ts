/**
 * The look the monthly report's and the SKM report's workbooks share: bold, thin black borders and grey
 * header rows (docs/adr/0005, printing and reports).
 */
import type ExcelJS from 'exceljs';

export const BOLD = { bold: true } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } } as const;

/** A bold, bordered, grey row of column headers. Committed, for the streaming writer (a no-op otherwise). */
export function headerRow(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = ws.addRow(labels);
  row.font = BOLD;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.border = BORDER;
    c.fill = HEADER_FILL;
  });
  row.commit();
}
