import type { ChecklistItemView, InputOf } from '../../../contract/api';
import { MISSING_REASON_LABEL } from '../../../domain/checklist';
import { IdDateField } from '../ui/DateField';

type Mark = Omit<InputOf<'visits.markItem'>, 'visitId' | 'itemCode'>;

function currentMark(item: ChecklistItemView): Mark {
  const m = item.mark;
  return {
    originalSeen: m?.originalSeen ?? false,
    copyReceived: m?.copyReceived ?? false,
    validUntil: m?.validUntil ?? null,
    noExpiry: m?.noExpiry ?? false,
    meteraiOk: m?.meteraiOk ?? false,
    notBrought: m?.notBrought ?? false,
    note: m?.note ?? '',
  };
}

export function ItemRow(props: { item: ChecklistItemView; index: number; editable: boolean; onMark: (code: string, mark: Mark) => void }) {
  const { item, editable } = props;
  const mark = currentMark(item);
  const update = (patch: Partial<Mark>) => props.onMark(item.code, { ...mark, notBrought: false, ...patch });
  const originalLabel = item.original === 'show' ? 'Asli diperlihatkan' : item.original === 'submit' ? 'Asli diterima' : 'Ada';
  const ok = item.verdict === 'ok';

  function complete() {
    if (ok) return;
    props.onMark(item.code, {
      ...mark,
      originalSeen: item.original !== 'none' || !item.copyRequired,
      copyReceived: item.copyRequired,
      meteraiOk: item.needsMeterai,
      notBrought: false,
    });
  }

  return (
    <li className={`item ${ok ? 'item-ok' : item.mark ? 'item-bad' : ''}`} data-testid={`item-${item.code}`}>
      <div className="item-head">
        <span className="item-no">{props.index + 1}</span>
        <div className="item-title">
          <strong>{item.label}</strong>
          <div className="badges">
            {item.original === 'show' && <span className="badge">Asli diperlihatkan</span>}
            {item.original === 'submit' && <span className="badge">Asli diserahkan</span>}
            {item.copyRequired && <span className="badge">Fotokopi disimpan</span>}
            {item.mustBeValid && <span className="badge">Masih berlaku</span>}
            {item.needsMeterai && <span className="badge">Bermeterai</span>}
            {item.signedByLeader && <span className="badge">Ditandatangani pimpinan</span>}
            {item.proxyOnly && <span className="badge badge-proxy">Khusus kuasa</span>}
          </div>
          <p className="item-desc">{item.description}</p>
        </div>
        <span className={`verdict ${ok ? 'verdict-ok' : ''}`} data-testid={`verdict-${item.code}`}>
          {item.verdict === 'ok' ? '✓ Sesuai' : MISSING_REASON_LABEL[item.verdict]}
        </span>
      </div>
      {editable && (
        <div className="item-controls">
          <label>
            <input type="checkbox" checked={mark.originalSeen} onChange={(e) => update({ originalSeen: e.target.checked })} /> {originalLabel}
          </label>
          {item.copyRequired && (
            <label>
              <input type="checkbox" checked={mark.copyReceived} onChange={(e) => update({ copyReceived: e.target.checked })} /> Fotokopi diterima
            </label>
          )}
          {item.mustBeValid && (
            <span className="valid-until">
              Berlaku s.d.{' '}
              <IdDateField value={mark.validUntil} isDisabled={mark.noExpiry ?? false} onCommit={(iso) => update({ validUntil: iso, noExpiry: false })} label={`Masa berlaku ${item.label}`} testId={`valid-until-${item.code}`} />
            </span>
          )}
          {item.mustBeValid && (
            <label>
              <input type="checkbox" checked={mark.noExpiry ?? false} onChange={(e) => update({ noExpiry: e.target.checked, validUntil: null })} data-testid={`no-expiry-${item.code}`} /> Berlaku tanpa batas waktu
            </label>
          )}
          {item.needsMeterai && (
            <label>
              <input type="checkbox" checked={mark.meteraiOk} onChange={(e) => update({ meteraiOk: e.target.checked })} /> Bermeterai
            </label>
          )}
          <span className="spacer" />
          <button type="button" className="small-btn" onClick={complete} aria-disabled={ok} data-testid={`complete-${item.code}`}>
            Sesuai
          </button>
          <button
            type="button"
            className={`small-btn ${mark.notBrought ? 'danger-on' : ''}`}
            onClick={() => props.onMark(item.code, { originalSeen: false, copyReceived: false, validUntil: null, noExpiry: false, meteraiOk: false, notBrought: !mark.notBrought, note: mark.note })}
            data-testid={`missing-${item.code}`}
            aria-pressed={mark.notBrought}
          >
            Tidak dibawa
          </button>
        </div>
      )}
    </li>
  );
}
