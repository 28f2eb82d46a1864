/**
 * An Indonesian date field (hh/bb/tttt, whatever the computer's locale) that never writes half an answer.
 * React Aria's DateField types segment by segment (day, month, year; digits move on by themselves) and
 * speaks each segment to a screen reader. The field reports a complete value after every digit of the year
 * ("0002", "0020", "0202", "2028"), so nothing is committed on change: the date is committed when the
 * person leaves the field or presses Enter, and only when it is complete and plausible. A field left half
 * typed or with an impossible year keeps what was saved and says why beside itself.
 */
import { parseDate, type CalendarDate } from '@internationalized/date';
import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { DateField, DateFieldStateContext, DateInput, DateSegment } from 'react-aria-components';

type FieldState = NonNullable<React.ContextType<typeof DateFieldStateContext>>;

/** Years a document's date can plausibly carry: a typo such as 0002 or 20288 is refused, not saved. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

function toCalendarDate(iso: string | null): CalendarDate | null {
  if (!iso) return null;
  try {
    return parseDate(iso);
  } catch {
    return null;
  }
}

/** Hands the field's state (its segments) to the parent, which reads it when the person leaves the field. */
function StateProbe(props: { into: { current: FieldState | null } }) {
  props.into.current = useContext(DateFieldStateContext);
  return null;
}

export function IdDateField(props: {
  /** The saved date, `YYYY-MM-DD`, or null. */
  value: string | null;
  /** Called with a complete, plausible date (or null when the field was emptied), only when it differs from `value`. */
  onCommit: (iso: string | null) => void;
  /** Accessible name of the field. */
  label: string;
  isDisabled?: boolean;
  testId?: string;
}) {
  const { value, onCommit } = props;
  const [draft, setDraft] = useState<CalendarDate | null>(() => toCalendarDate(value));
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const state = useRef<FieldState | null>(null);
  const messageId = useId();

  // A date saved elsewhere (another workstation, the answer of this save) shows unless the person is typing.
  useEffect(() => {
    if (!editing) setDraft(toCalendarDate(value));
  }, [value, editing]);

  function commit() {
    const segments = state.current?.segments.filter((s) => s.isEditable) ?? [];
    const filled = segments.filter((s) => !s.isPlaceholder).length;
    if (filled === 0) {
      setProblem(null);
      if (value !== null) onCommit(null);
      return;
    }
    if (filled < segments.length || !draft) {
      setProblem('Tanggal belum lengkap: isi hari, bulan, dan tahun (hh/bb/tttt).');
      return;
    }
    if (draft.year < MIN_YEAR || draft.year > MAX_YEAR) {
      setProblem(`Tahun ${draft.year} tidak masuk akal: periksa kembali.`);
      return;
    }
    setProblem(null);
    const iso = draft.toString();
    if (iso !== value) onCommit(iso);
  }

  return (
    <span className="date-field-wrap">
      <DateField
        className={`date-field ${problem ? 'has-problem' : ''}`}
        aria-label={props.label}
        aria-describedby={problem ? messageId : undefined}
        value={draft}
        onChange={setDraft}
        granularity="day"
        shouldForceLeadingZeros
        isDisabled={props.isDisabled}
        onFocus={() => setEditing(true)}
        onBlur={() => {
          setEditing(false);
          commit();
        }}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
        data-testid={props.testId}
      >
        <StateProbe into={state} />
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
      </DateField>
      {problem && (
        <span id={messageId} className="field-error date-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
