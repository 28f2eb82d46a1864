/**
 * Paper layouts for printed documents. Sheets (A4, A5) have a fixed page; thermal rolls (80 mm, 58 mm) have a
 * fixed width and a height that follows the content: the PDF renderer measures the rendered document and
 * cuts the page to fit, so a receipt on a roll never breaks across pages. Pure.
 */

export const PRINT_LAYOUTS = ['a4', 'a5', 'thermal80', 'thermal58'] as const;
export type PrintLayout = (typeof PRINT_LAYOUTS)[number];

export type PageSize =
  | { kind: 'sheet'; widthMm: number; heightMm: number }
  /** Continuous roll: the height is the content's height. */
  | { kind: 'roll'; widthMm: number };

export interface LayoutSpec {
  layout: PrintLayout;
  label: string;
  pageSize: PageSize;
  /** Page margin in mm (all sides for sheets; left/right for rolls, which get a small top/bottom margin). */
  marginMm: number;
  /** Base font size in pt. */
  fontPt: number;
  /** Side of the QR code in mm. */
  qrMm: number;
  thermal: boolean;
}

export const LAYOUTS: Readonly<Record<PrintLayout, LayoutSpec>> = {
  a4: { layout: 'a4', label: 'A4', pageSize: { kind: 'sheet', widthMm: 210, heightMm: 297 }, marginMm: 15, fontPt: 10, qrMm: 30, thermal: false },
  a5: { layout: 'a5', label: 'A5', pageSize: { kind: 'sheet', widthMm: 148, heightMm: 210 }, marginMm: 8, fontPt: 8, qrMm: 24, thermal: false },
  // An 80 mm roll prints about 72 mm wide; 58 mm rolls about 48 mm. The margins keep text off the edges.
  thermal80: { layout: 'thermal80', label: 'Thermal 80 mm', pageSize: { kind: 'roll', widthMm: 80 }, marginMm: 4, fontPt: 8.5, qrMm: 30, thermal: true },
  thermal58: { layout: 'thermal58', label: 'Thermal 58 mm', pageSize: { kind: 'roll', widthMm: 58 }, marginMm: 3, fontPt: 7, qrMm: 26, thermal: true },
};

export function layoutSpec(layout: PrintLayout): LayoutSpec {
  return LAYOUTS[layout];
}

export function isPrintLayout(s: string): s is PrintLayout {
  return (PRINT_LAYOUTS as readonly string[]).includes(s);
}

/**
 * The `@page` size for the browser's own print dialog. A roll has no fixed height in CSS, so the dialog gets
 * the roll width and a generous height; the PDF renderer replaces it with the measured height.
 */
export function cssPageSize(size: PageSize, rollHeightMm = 400): string {
  return size.kind === 'sheet' ? `${size.widthMm}mm ${size.heightMm}mm` : `${size.widthMm}mm ${Math.ceil(rollHeightMm)}mm`;
}
