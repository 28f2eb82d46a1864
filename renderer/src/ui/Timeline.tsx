import type { VisitDetail } from '../../../contract/api';
import { fmtDateTime } from './format';

/** A visit's history: every event, with its time (WITA) and the officer who recorded it. */
export function Timeline(props: { entries: VisitDetail['timeline'] }) {
  return (
    <section className="card">
      <h2>Riwayat</h2>
      <ol className="timeline">
        {props.entries.map((t, i) => (
          <li key={i}>
            <span className="muted nowrap">{fmtDateTime(t.at)}</span> — {t.summary}
            {t.actorName && <span className="muted"> · {t.actorName}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
