/**
 * Hand-built SVG charts for the PDF report (the PDF is printed from HTML, so charts are inline SVG made on the
 * server; the screen uses recharts). Colours are chosen to stay distinguishable when printed in grey. Pure.
 */
import { escapeHtml } from './html';

export const SERIES_COLORS = ['#1f4e79', '#c55a11', '#548235', '#7f6000', '#7030a0', '#2e75b6', '#bf9000', '#a5a5a5', '#843c0c', '#375623'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!;
}

/** A "nice" axis maximum and tick step for a positive maximum. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return { max: Math.ceil(max / step) * step, step };
}

const FONT = 'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif"';
const fmtNum = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 1 });

export interface StackedSeries {
  key: string;
  label: string;
}

/** Vertical stacked bars: one bar per category (e.g. day), one segment per series (e.g. service). */
export function stackedBarChart(opts: {
  categories: { label: string; values: Record<string, number>; muted?: boolean }[];
  series: StackedSeries[];
  width: number;
  height: number;
  title: string;
  yLabel: string;
}): string {
  const { categories, series, width, height } = opts;
  const legendRows = Math.ceil(series.length / 3);
  const m = { top: 28, right: 10, bottom: 30 + legendRows * 14, left: 40 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const totals = categories.map((c) => series.reduce((s, x) => s + (c.values[x.key] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const y = (v: number) => m.top + h - (v / scale.max) * h;
  const band = w / Math.max(1, categories.length);
  const bw = Math.max(2, band * 0.72);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart" role="img" aria-label="${escapeHtml(opts.title)}" ${FONT}>`;
  out += `<text x="${m.left}" y="14" font-size="11" font-weight="700">${escapeHtml(opts.title)}</text>`;
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    out += `<line x1="${m.left}" x2="${m.left + w}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d0d0" stroke-width="0.5"/>`;
    out += `<text x="${m.left - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="8" text-anchor="end">${fmtNum(v)}</text>`;
  }
  out += `<text x="10" y="${m.top + h / 2}" font-size="8" transform="rotate(-90 10 ${m.top + h / 2})" text-anchor="middle">${escapeHtml(opts.yLabel)}</text>`;
  categories.forEach((c, i) => {
    const x = m.left + i * band + (band - bw) / 2;
    let acc = 0;
    series.forEach((s, si) => {
      const v = c.values[s.key] ?? 0;
      if (v <= 0) return;
      const y0 = y(acc);
      const y1 = y(acc + v);
      out += `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(0.5, y0 - y1).toFixed(1)}" fill="${seriesColor(si)}"/>`;
      acc += v;
    });
    if (c.muted) out += `<rect x="${(m.left + i * band).toFixed(1)}" y="${m.top}" width="${band.toFixed(1)}" height="${h}" fill="#000" fill-opacity="0.04"/>`;
    const showLabel = categories.length <= 16 || i % 2 === 0;
    if (showLabel) out += `<text x="${(x + bw / 2).toFixed(1)}" y="${m.top + h + 10}" font-size="7.5" text-anchor="middle">${escapeHtml(c.label)}</text>`;
  });
  out += `<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#000" stroke-width="0.8"/>`;
  const colW = w / 3;
  series.forEach((s, i) => {
    const lx = m.left + (i % 3) * colW;
    const ly = m.top + h + 24 + Math.floor(i / 3) * 14;
    out += `<rect x="${lx.toFixed(1)}" y="${ly - 8}" width="9" height="9" fill="${seriesColor(i)}"/>`;
    out += `<text x="${(lx + 13).toFixed(1)}" y="${ly}" font-size="8">${escapeHtml(s.label)}</text>`;
  });
  return out + '</svg>';
}

/** Horizontal 100% bars: per row, the share in time, late, and open past the limit, with the in-time %. */
export function complianceChart(opts: {
  rows: { label: string; inTime: number; late: number; openOverdue: number }[];
  width: number;
  title: string;
}): string {
  const rowH = 20;
  const m = { top: 28, right: 48, bottom: 26, left: 190 };
  const height = m.top + m.bottom + Math.max(1, opts.rows.length) * rowH;
  const w = opts.width - m.left - m.right;
  const colors = { inTime: '#548235', late: '#c00000', openOverdue: '#f4b183' };
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${opts.width} ${height}" width="${opts.width}" height="${height}" class="chart" role="img" aria-label="${escapeHtml(opts.title)}" ${FONT}>`;
  out += `<text x="0" y="14" font-size="11" font-weight="700">${escapeHtml(opts.title)}</text>`;
  opts.rows.forEach((r, i) => {
    const y = m.top + i * rowH;
    const total = r.inTime + r.late + r.openOverdue;
    out += `<text x="${m.left - 6}" y="${y + 12}" font-size="8" text-anchor="end">${escapeHtml(r.label)}</text>`;
    out += `<rect x="${m.left}" y="${y + 3}" width="${w}" height="${rowH - 7}" fill="none" stroke="#999" stroke-width="0.5"/>`;
    if (total === 0) {
      out += `<text x="${m.left + 4}" y="${y + 12}" font-size="7.5" fill="#555">tidak ada berkas selesai</text>`;
      return;
    }
    let x = m.left;
    for (const k of ['inTime', 'late', 'openOverdue'] as const) {
      const part = (r[k] / total) * w;
      if (part > 0) out += `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${part.toFixed(1)}" height="${rowH - 7}" fill="${colors[k]}"/>`;
      x += part;
    }
    const finished = r.inTime + r.late;
    const pct = finished ? `${((r.inTime / finished) * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%` : '–';
    out += `<text x="${m.left + w + 4}" y="${y + 12}" font-size="8" font-weight="700">${pct}</text>`;
  });
  const ly = height - 8;
  const legend: Array<[string, string]> = [
    [colors.inTime, 'Selesai tepat waktu'],
    [colors.late, 'Selesai terlambat'],
    [colors.openOverdue, 'Belum selesai, lewat jangka waktu'],
  ];
  legend.forEach(([c, label], i) => {
    const lx = m.left + i * 150;
    out += `<rect x="${lx}" y="${ly - 8}" width="9" height="9" fill="${c}"/><text x="${lx + 13}" y="${ly}" font-size="8">${escapeHtml(label)}</text>`;
  });
  return out + '</svg>';
}
