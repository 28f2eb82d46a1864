/**
 * Printing the standard (issue 14): for each service of a published version, the Standar Pelayanan (the
 * fourteen components of Pasal 5) and the vendor's one-page "what to bring" handout, as A4 PDFs made by the
 * backend from the templates in print/service-standard.ts; or both for every service at once.
 */
import { useEffect, useState } from 'react';
import type { CatalogueVersionInfo } from '../../../contract/standard';
import type { Catalogue } from '../../../domain/catalogue/types';
import { call } from '../api';
import { downloadBase64 } from '../print/download';
import { useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { fmtIsoDate } from '../ui/format';

type Doc = 'standard' | 'handout';
const DOC_LABEL: Record<Doc, string> = { standard: 'Standar Pelayanan', handout: 'Yang perlu dibawa' };
const STATE_WORD = { in_force: 'berlaku', scheduled: 'terjadwal', superseded: 'digantikan' } as const;

export function StandardPrints(props: { versions: CatalogueVersionInfo[]; inForce: number }) {
  const toast = useApp((s) => s.toast);
  const [version, setVersion] = useState(props.inForce);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => setVersion(props.inForce), [props.inForce]);
  useEffect(() => {
    let live = true;
    void call('catalogue.get', { version }).then((r) => {
      if (live && r.ok) setCatalogue(r.value);
    });
    return () => {
      live = false;
    };
  }, [version]);

  async function save(document: Doc, serviceCode: string | null) {
    const key = `${document}-${serviceCode ?? 'all'}`;
    if (busy) return;
    setBusy(key);
    const r = await call('catalogue.printPdf', { document, serviceCode, version });
    setBusy(null);
    if (!r.ok) return toast('error', r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, 'application/pdf');
    toast('success', `${DOC_LABEL[document]} disimpan sebagai PDF (${r.value.fileName}).`);
  }

  const button = (document: Doc, serviceCode: string | null, label: string) => {
    const key = `${document}-${serviceCode ?? 'all'}`;
    return (
      <button type="button" className="secondary small-btn" aria-disabled={busy !== null} onClick={asyncHandler(() => save(document, serviceCode))} data-testid={`print-${key}`}>
        {busy === key ? 'Membuat PDF…' : label}
      </button>
    );
  };

  return (
    <section className="card" data-testid="standard-prints">
      <div className="card-head">
        <h2>Cetak standar pelayanan</h2>
        <label className="muted">
          Versi{' '}
          <select value={version} onChange={(e) => setVersion(Number(e.target.value))} data-testid="print-version">
            {props.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version} ({STATE_WORD[v.state]}, mulai {fmtIsoDate(v.effectiveFrom)})
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">
        Standar Pelayanan memuat empat belas komponen Pasal 5 Perwali 67/2018 untuk ditempel di ruang layanan; &quot;Yang perlu dibawa&quot; adalah selebaran satu halaman untuk
        penyedia. Kertas A4.
      </p>
      <table className="table static" data-testid="standard-print-services">
        <thead>
          <tr>
            <th>No</th>
            <th>Layanan</th>
            <th>PDF</th>
          </tr>
        </thead>
        <tbody>
          {(catalogue?.services ?? [])
            .filter((s) => s.active)
            .map((s) => (
              <tr key={s.code} data-testid={`print-service-${s.code}`}>
                <td>{s.number}</td>
                <td>{s.name}</td>
                <td className="nowrap">
                  {button('standard', s.code, 'Standar Pelayanan')} {button('handout', s.code, 'Yang perlu dibawa')}
                </td>
              </tr>
            ))}
          <tr>
            <td></td>
            <td>
              <strong>Semua layanan</strong>
            </td>
            <td className="nowrap">
              {button('standard', null, 'Standar Pelayanan')} {button('handout', null, 'Yang perlu dibawa')}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
