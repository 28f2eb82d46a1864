import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTER_HOURS } from '../domain/time/calendar';
import { RECEIPT, RETURN_SLIP } from '../tests/print/fixtures';
import { whatToBring } from './bring';
import { describeCounterHours } from './hours';
import { escapeHtml, html, isSafeImageDataUrl } from './html';
import { renderDocument, withPageSize } from './index';
import { LAYOUTS } from './layouts';
import { qrSvg } from './qr';
import { normalizeVerificationCode, parseReceiptQr, receiptQrText, receiptVerificationCode, verifyReceiptCode } from './verification';

describe('html builder', () => {
  it('escapes interpolated text, never trusted markup', () => {
    expect(escapeHtml(`PT "A&B" <Banua> 'x'`)).toBe('PT &quot;A&amp;B&quot; &lt;Banua&gt; &#39;x&#39;');
    expect(html`<td>${'<script>alert(1)</script>'}</td>`.value).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html`<p>${[html`<b>${'a<b'}</b>`, null, false, 3]}</p>`.value).toBe('<p><b>a&lt;b</b>3</p>');
  });

  it('accepts only base64 PNG, JPEG or SVG data URLs as images', () => {
    expect(isSafeImageDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isSafeImageDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isSafeImageDataUrl('https://example.com/logo.png')).toBe(false);
    expect(isSafeImageDataUrl('data:image/svg+xml,<svg onload=alert(1)>')).toBe(false);
  });
});

describe('documents', () => {
  it('a hostile vendor name cannot inject markup into a receipt, and the document forbids scripts', () => {
    const doc = renderDocument({ ...RECEIPT, party: { ...RECEIPT.party, companyName: '<img src=x onerror=alert(1)>' } }, 'a4');
    expect(doc).not.toContain('<img src=x');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(doc).not.toMatch(/<script/i);
  });

  it('sets each layout’s paper, and a roll’s measured height', () => {
    expect(renderDocument(RECEIPT, 'a4')).toContain('size: 210mm 297mm; margin: 15mm;');
    expect(renderDocument(RECEIPT, 'a5')).toContain('size: 148mm 210mm;');
    const roll = renderDocument(RECEIPT, 'thermal58');
    expect(roll).toContain('size: 58mm 400mm; margin: 0;');
    expect(withPageSize(roll, LAYOUTS.thermal58, 243.2)).toContain('size: 58mm 244mm; margin: 0;');
    // Thermal layouts list documents instead of a wide table.
    expect(roll).toContain('<ol class="docs">');
    expect(renderDocument(RECEIPT, 'a4')).toContain('<table class="grid">');
  });

  it('marks reprints', () => {
    expect(renderDocument(RETURN_SLIP, 'a5')).toContain('CETAK ULANG (cetakan ke-2)');
    expect(renderDocument(RECEIPT, 'a5')).not.toContain('CETAK ULANG');
  });
});

describe('receipt verification code', () => {
  const visitId = '019ac0a2-3b4c-7d5e-8f60-123456789abc';
  it('is deterministic, 8 Crockford characters, and bound to the visit and the number', () => {
    const code = receiptVerificationCode(visitId, 'TT-20261126-4F2A9C-007');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(receiptVerificationCode(visitId, 'TT-20261126-4F2A9C-007')).toBe(code);
    expect(receiptVerificationCode(visitId, 'TT-20261126-4F2A9C-008')).not.toBe(code);
    expect(receiptVerificationCode('019ac0a2-3b4c-7d5e-8f60-123456789abd', 'TT-20261126-4F2A9C-007')).not.toBe(code);
    expect(verifyReceiptCode(visitId, 'TT-20261126-4F2A9C-007', code.toLowerCase().replace('-', ' '))).toBe(true);
    expect(verifyReceiptCode(visitId, 'TT-20261126-4F2A9C-007', 'AAAA-AAAA')).toBe(code === 'AAAA-AAAA');
  });

  it('reads typed codes the Crockford way and parses QR payloads', () => {
    expect(normalizeVerificationCode('o1il-abcd')).toBe('0111-ABCD');
    const text = receiptQrText('TT-20261126-4F2A9C-007', 'K7M2-Q9XD');
    expect(parseReceiptQr(text)).toEqual({ receiptNo: 'TT-20261126-4F2A9C-007', code: 'K7M2-Q9XD' });
    expect(parseReceiptQr('https://example.com')).toBeNull();
  });

  it('QR code is a square SVG of dark modules', () => {
    const svg = qrSvg('LPSE-TT:TT-20261126-4F2A9C-007:K7M2-Q9XD');
    const m = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
    expect(m?.[1]).toBe(m?.[2]);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(25);
    expect(svg).toMatch(/<path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"/);
  });
});

describe('what to bring next time', () => {
  const item = { label: 'Surat Kuasa', original: 'submit' as const, copyRequired: false, mustBeValid: false, needsMeterai: true, signedByLeader: true };
  it('words the requirement from the catalogue flags', () => {
    expect(whatToBring(item, { label: 'Surat Kuasa', reason: 'not_brought' })).toBe(
      'Bawa Surat Kuasa — asli (diserahkan), ditandatangani pimpinan perusahaan, bermeterai Rp10.000.',
    );
    expect(whatToBring(item, { label: 'Surat Kuasa', reason: 'no_meterai' })).toBe('Surat Kuasa harus dibubuhi meterai Rp10.000.');
    expect(whatToBring(null, { label: 'Akta', reason: 'copy_missing' })).toBe('Serahkan fotokopi Akta.');
    expect(whatToBring({ ...item, label: 'SIUP', original: 'show', copyRequired: true, needsMeterai: false, signedByLeader: false, mustBeValid: true }, { label: 'SIUP', reason: 'expired' })).toBe(
      'Bawa SIUP yang masih berlaku (asli dan fotokopi).',
    );
  });
});

describe('counter hours', () => {
  it('groups weekdays with the same hours', () => {
    expect(describeCounterHours(DEFAULT_COUNTER_HOURS)).toBe('Senin–Kamis 07.30–16.00 WITA; Jumat 07.30–16.30 WITA');
    expect(describeCounterHours({ 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null })).toBe('sesuai pengumuman kantor');
  });
});

describe('labels and the catalogue texts after them', () => {
  it('prints service 7\'s time limit once on the receipt, not "Jangka waktu Jangka waktu penyelesaian"', () => {
    const text = 'Jangka waktu penyelesaian kendala teknis pengguna dilakukan secepat mungkin dan batas waktu maksimal 5 (lima) hari kerja.';
    const doc = renderDocument({ ...RECEIPT, service: { number: 7, name: 'Pendampingan Penggunaan Aplikasi SPSE', timeLimitText: text, fee: 'Gratis' } }, 'a4');
    expect(doc).not.toMatch(/Jangka waktu\s*(<[^>]+>\s*:?\s*)*Jangka waktu/i);
    expect(doc).toContain('penyelesaian kendala teknis pengguna');
    const thermal = renderDocument({ ...RECEIPT, service: { ...RECEIPT.service, timeLimitText: text } }, 'thermal80');
    expect(thermal).not.toMatch(/Jangka waktu\s*(<[^>]+>\s*:?\s*)*Jangka waktu/i);
  });
});
