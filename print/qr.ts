/**
 * QR codes as inline SVG, built synchronously from the `qrcode` package's module matrix (its own SVG output
 * is asynchronous). Dark modules of a row are merged into runs, so the SVG stays small and prints crisply on
 * thermal printers. Pure.
 */
import QRCode from 'qrcode';

export interface QrSvgOptions {
  /** Quiet zone in modules. The printed page around the code is white, so 2 is enough for phone scanners. */
  margin?: number;
  /** Accessible title. */
  title?: string;
}

export function qrSvg(text: string, opts: QrSvgOptions = {}): string {
  const margin = opts.margin ?? 2;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const data = qr.modules.data;
  let d = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h${start - x}z`;
    }
  }
  const full = size + 2 * margin;
  const title = opts.title ? `<title>${opts.title.replace(/[<&>]/g, '')}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges" class="qr" role="img">` +
    `${title}<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
