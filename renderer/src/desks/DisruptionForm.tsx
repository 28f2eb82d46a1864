/**
 * The "record a disruption" form shared by a file's disruption card and the dashboard's office-wide outages
 * card (issue 9): kind, start, end (empty while it lasts) and a reason. The caller says what to do with the
 * values; this component owns the fields, the date checks and the error shown under them.
 */
import { useState } from 'react';
import { parseIsoInstant } from '../../../domain/time/wita';
import { asyncHandler } from '../ui/async-handler';
import { witaLocalInput } from '../ui/format';

export interface DisruptionValues {
  kind: 'internet' | 'spse';
  from: number;
  to: number | null;
  reason: string;
}

export function DisruptionForm(props: {
  /** Prefix of the fields' ids, unique on the screen. */
  idPrefix: string;
  openLabel: string;
  openTestId: string;
  saveTestId: string;
  placeholder: string;
  /** The instant the start field is filled with when the form opens. */
  startsAt: () => Promise<number> | number;
  /** Records the values; answers an error message to show, or null when recorded. */
  submit: (v: DisruptionValues) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'internet' | 'spse'>('internet');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => `${props.idPrefix}-${field}`;

  async function save() {
    const fromMs = parseIsoInstant(from);
    const toMs = to.trim() === '' ? null : parseIsoInstant(to);
    if (fromMs === null) return setError('Isi waktu mulai gangguan (tanggal dan jam).');
    if (to.trim() !== '' && toMs === null) return setError('Waktu selesai tidak valid.');
    setBusy(true);
    try {
      const failure = await props.submit({ kind, from: fromMs, to: toMs, reason });
      if (failure !== null) return setError(failure);
    } finally {
      setBusy(false);
    }
    setError(null);
    setOpen(false);
    setReason('');
  }

  if (!open) {
    return (
      <button
        type="button"
        className="secondary"
        data-testid={props.openTestId}
        onClick={asyncHandler(async () => {
          setFrom(witaLocalInput(await props.startsAt()));
          setTo('');
          setError(null);
          setOpen(true);
        })}
      >
        {props.openLabel}
      </button>
    );
  }
  return (
    <form
      className="disruption-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={id('kind')}>Jenis gangguan</label>
        <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as 'internet' | 'spse')}>
          <option value="internet">Gangguan internet</option>
          <option value="spse">Gangguan SPSE</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('from')}>Mulai (WITA)</label>
        <input id={id('from')} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('to')}>Selesai (kosongkan bila masih berlangsung)</label>
        <input id={id('to')} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="field" style={{ gridColumn: '1 / -1' }}>
        <label htmlFor={id('reason')}>
          Keterangan<span className="req"> *</span>
        </label>
        <input id={id('reason')} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={props.placeholder} />
      </div>
      {error && (
        <div className="field-error" role="alert" style={{ gridColumn: '1 / -1' }}>
          {error}
        </div>
      )}
      <div className="form-actions" style={{ gridColumn: '1 / -1' }}>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Batal
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid={props.saveTestId}>
          Simpan gangguan
        </button>
      </div>
    </form>
  );
}
