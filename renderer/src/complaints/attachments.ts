/**
 * Scans and photos of a complaint, made small enough to sync (ADR: ~300 KB per attachment, the event limit
 * of `complaint.attachment_added`): a photo from a phone (3–5 MB) is redrawn at most 1600 px wide as JPEG,
 * lowering the quality until it fits; a PDF must already be small enough.
 */
export const MAX_DATA_URL = 400_000;

export interface PickedFile {
  fileName: string;
  dataUrl: string;
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(typeof r.result === "string" ? r.result : "");
    r.onerror = () => reject(new Error('read failed'));
    r.readAsDataURL(file);
  });
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image failed'));
    img.src = src;
  });
}

async function shrinkImage(dataUrl: string): Promise<string> {
  const img = await loadImage(dataUrl);
  for (const maxSide of [1600, 1200, 900]) {
    const scale = Math.min(1, maxSide / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) break;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    for (const q of [0.8, 0.65, 0.5]) {
      const out = canvas.toDataURL('image/jpeg', q);
      if (out.length <= MAX_DATA_URL) return out;
    }
  }
  throw new Error('too large');
}

/** Reads a chosen file; returns an Indonesian error message instead when it cannot be attached. */
export async function pickAttachment(file: File): Promise<PickedFile | string> {
  const type = file.type;
  if (!/^image\/(png|jpeg|webp)$/.test(type) && type !== 'application/pdf') return `${file.name}: lampiran harus berupa foto/pindaian (JPEG, PNG, WebP) atau PDF.`;
  try {
    const dataUrl = await readAsDataUrl(file);
    if (dataUrl.length <= MAX_DATA_URL) return { fileName: file.name, dataUrl };
    if (type === 'application/pdf') return `${file.name}: PDF terlalu besar (maksimal sekitar 300 KB). Pindai ulang dengan resolusi lebih rendah.`;
    return { fileName: file.name.replace(/\.(png|webp|jpe?g)$/i, '') + '.jpg', dataUrl: await shrinkImage(dataUrl) };
  } catch {
    return `${file.name}: berkas tidak dapat dibaca.`;
  }
}

/** A data URL opened or saved by the browser, as a download (a data: URL cannot be opened as a page). */
export function downloadDataUrl(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
