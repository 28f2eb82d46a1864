/**
 * The service's procedure step by step and its guarantees (Perwali 67/2018 Pasal 5, issue 14), from the
 * catalogue version the visit started with: the helpdesk and the desks serve by the standard that applied
 * when the vendor came, not by a later one. Shown on the visit (checklist) and desk screens.
 */
import { afterLabel } from '../../../domain/sentence';

export interface ServiceStandardShown {
  number: number;
  name: string;
  catalogueVersion: number;
  procedure: readonly string[];
  serviceGuarantee: readonly string[];
  product: string;
  fee: string;
}

export function ServiceProcedure(props: { service: ServiceStandardShown }) {
  const s = props.service;
  return (
    <section className="card service-procedure" aria-labelledby="procedure-title" data-testid="service-procedure">
      <div className="card-head">
        <h2 id="procedure-title">Prosedur pelayanan</h2>
        <span className="muted small">Standar Pelayanan katalog versi {s.catalogueVersion}</span>
      </div>
      <ol className="procedure-steps" data-testid="procedure-steps">
        {s.procedure.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
      <h3>Jaminan pelayanan</h3>
      <ul className="guarantees" data-testid="service-guarantees">
        {s.serviceGuarantee.map((g, i) => (
          <li key={i}>{g}</li>
        ))}
      </ul>
      <p className="muted small">
        Produk pelayanan: {afterLabel('Produk pelayanan', s.product)} · Biaya: {afterLabel('Biaya', s.fee)}
      </p>
    </section>
  );
}
