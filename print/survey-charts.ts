/**
 * Charts of the SKM report as inline SVG strings, shared by the PDF (printed from HTML) and the report
 * screen (the same markup, so the screen shows exactly what prints). No styles, only presentation
 * attributes: the app's Content-Security-Policy forbids inline style attributes. Colours stay distinct
 * in grey. Pure.
 */
import type { SurveyReport } from '../contract/survey';
import { escapeHtml } from './html';

const FONT = 'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif"';
const GRADE_COLOR: Record<'A' | 'B' | 'C' | 'D', string> = { A: '#1f4e79', B: '#548235', C: '#bf9000', D: '#c00000' };
const num = (v: number, d = 2) => v.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d });

/**
 * NRR of each element on the converted scale (25–100), one horizontal bar each, with the grade bounds
 * (65,00 · 76,61 · 88,31) as dashed lines and the IKM as a solid line.
 */
export function elementsChart(r: SurveyReport, width: number): string {
  const rowH = 22;
  const m = { top: 34, right: 46, bottom: 26, left: 150 };
  const height = m.top + m.bottom + r.elements.length * rowH;
  const w = width - m.left - m.right;
  const x = (v: number) => m.left + ((v - 25) / 75) * w;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart" role="img" aria-label="Nilai unsur pelayanan (skala 25–100)" ${FONT}>`;
  out += `<text x="0" y="14" font-size="11" font-weight="700">Nilai per unsur pelayanan (NRR × 25; skala 25–100)</text>`;
  for (const [v, label] of [
    [65, 'C 65,00'],
    [76.61, 'B 76,61'],
    [88.31, 'A 88,31'],
  ] as const) {
    out += `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${m.top - 6}" y2="${m.top + r.elements.length * rowH}" stroke="#777" stroke-width="0.7" stroke-dasharray="3 2"/>`;
    out += `<text x="${x(v).toFixed(1)}" y="${m.top - 9}" font-size="7.5" text-anchor="middle">${label}</text>`;
  }
  r.elements.forEach((e, i) => {
    const y = m.top + i * rowH;
    out += `<text x="${m.left - 6}" y="${y + 14}" font-size="8.5" text-anchor="end">${escapeHtml(`${e.code} ${e.shortName}`)}</text>`;
    out += `<rect x="${m.left}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="none" stroke="#bbb" stroke-width="0.5"/>`;
    if (e.nrrConverted === null || e.category === null) {
      out += `<text x="${m.left + 4}" y="${y + 14}" font-size="8" fill="#555">belum dijawab</text>`;
      return;
    }
    out += `<rect x="${m.left}" y="${y + 4}" width="${Math.max(0.5, x(e.nrrConverted) - m.left).toFixed(1)}" height="${rowH - 8}" fill="${GRADE_COLOR[e.category]}"/>`;
    out += `<text x="${(x(e.nrrConverted) + 3).toFixed(1)}" y="${y + 14}" font-size="8.5" font-weight="700">${num(e.nrrConverted)} ${e.category}</text>`;
  });
  if (r.ikmConverted !== null) {
    const xi = x(r.ikmConverted).toFixed(1);
    out += `<line x1="${xi}" x2="${xi}" y1="${m.top}" y2="${m.top + r.elements.length * rowH + 4}" stroke="#000" stroke-width="1.2"/>`;
    out += `<text x="${xi}" y="${m.top + r.elements.length * rowH + 14}" font-size="8" text-anchor="middle" font-weight="700">IKM ${num(r.ikmConverted)}</text>`;
  }
  for (const v of [25, 50, 75, 100]) out += `<text x="${x(v).toFixed(1)}" y="${height - 2}" font-size="7.5" text-anchor="middle">${v}</text>`;
  return out + '</svg>';
}

/** The respondent profile as four small groups of horizontal bars (share of respondents). */
export function profileChart(r: SurveyReport, width: number): string {
  const groups: [string, SurveyReport['profile']['sex']][] = [
    ['Jenis kelamin', r.profile.sex],
    ['Usia', r.profile.ageGroup],
    ['Pendidikan', r.profile.education],
    ['Pekerjaan', r.profile.occupation],
  ];
  const colW = width / 2;
  const rowH = 13;
  const groupH = (rows: number) => 18 + rows * rowH + 6;
  const leftH = groupH(groups[0]![1].length) + groupH(groups[1]![1].length);
  const rightH = groupH(groups[2]![1].length) + groupH(groups[3]![1].length);
  const height = 20 + Math.max(leftH, rightH);
  const total = Math.max(1, r.respondents);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart" role="img" aria-label="Profil responden" ${FONT}>`;
  out += `<text x="0" y="14" font-size="11" font-weight="700">Profil responden (persentase dari ${r.respondents.toLocaleString('id-ID')} responden)</text>`;
  const place: [number, number][] = [
    [0, 20],
    [0, 20 + groupH(groups[0]![1].length)],
    [colW, 20],
    [colW, 20 + groupH(groups[2]![1].length)],
  ];
  groups.forEach(([title, rows], gi) => {
    const [gx, gy] = place[gi]!;
    const labelW = 110;
    const barW = colW - labelW - 60;
    out += `<text x="${gx}" y="${gy + 12}" font-size="9" font-weight="700">${escapeHtml(title)}</text>`;
    rows.forEach((row, i) => {
      const y = gy + 18 + i * rowH;
      const share = row.count / total;
      out += `<text x="${gx + labelW - 4}" y="${y + 9}" font-size="7.5" text-anchor="end">${escapeHtml(row.label)}</text>`;
      out += `<rect x="${gx + labelW}" y="${y + 1}" width="${barW}" height="${rowH - 3}" fill="none" stroke="#ccc" stroke-width="0.5"/>`;
      if (share > 0) out += `<rect x="${gx + labelW}" y="${y + 1}" width="${Math.max(0.5, share * barW).toFixed(1)}" height="${rowH - 3}" fill="#2e75b6"/>`;
      out += `<text x="${gx + labelW + barW + 4}" y="${y + 9}" font-size="7.5">${row.count.toLocaleString('id-ID')} (${(share * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%)</text>`;
    });
  });
  return out + '</svg>';
}
