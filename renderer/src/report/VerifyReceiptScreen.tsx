/**
 * Cek tanda terima: a receipt presented at the counter is checked by scanning its QR code (a scanner types the
 * QR text into the field) or by typing its number and verification code.
 */
import { useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import { call } from '../api';
import { fmtDateTime } from '../ui/format';
import { useApp } from '../store';
import './report.css';

export function VerifyReceiptScreen() {
  const go = useApp((s) => s.go);
  const [text, setText] = useState('');
  const [code, setCode] = useState('');
  const [result, setResult] = useState<OutputOf<'print.verifyReceipt'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check() {
    const input = text.trim().startsWith('LPSE-TT:') ? { qrText: text } : { receiptNo: text, code };
    const r = await call('print.verifyReceipt', input);
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else {
      setResult(null);
      setError(r.error.issues?.[0]?.message ?? r.error.message);
    }
  }

  return (
    <div data-testid="verify-receipt">
      <h1>Cek Tanda Terima</h1>
      <section className="card">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
        >
          <div className="grid2">
            <div className="field">
              <label htmlFor="verify-text">Isi kode QR atau nomor tanda terima</label>
              <input id="verify-text" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="LPSE-TT:… atau TT-…" />
            </div>
            <div className="field">
              <label htmlFor="verify-code">Kode verifikasi (bila mengetik nomor)</label>
              <input id="verify-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="XXXX-XXXX" disabled={text.trim().startsWith('LPSE-TT:')} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
              Periksa
            </button>
          </div>
        </form>
        {error && <div className="banner banner-error">{error}</div>}
        {result && (
          <div className={`banner ${result.valid ? 'banner-ok' : 'banner-error'} verify-result`} role="status">
            <strong>{result.message}</strong>
            {result.receipt && (
              <div>
                {result.receipt.receiptNo} · diterima {fmtDateTime(result.receipt.receivedAt)} · {result.receipt.companyName ?? '–'} · {result.receipt.visitorName} ·{' '}
                {result.receipt.serviceName ?? '–'} · status: {result.receipt.statusLabel}{' '}
                <button type="button" className="link" onClick={() => go('visit', { id: result.receipt!.visitId })}>
                  Buka kunjungan
                </button>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
