import { useId, type ReactNode } from 'react';

export interface FieldErrors {
  [path: string]: string | undefined;
}

/** A labelled form field with its error (from the backend's field issues) and an optional hint. */
export function Field(props: { label: string; error?: string; warning?: string; hint?: string; required?: boolean; children: (id: string, describedBy: string | undefined) => ReactNode; className?: string }) {
  const id = useId();
  const msgId = `${id}-msg`;
  const message = props.error ?? props.warning ?? props.hint;
  return (
    <div className={`field ${props.error ? 'has-error' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {props.children(id, message ? msgId : undefined)}
      {message && (
        <div id={msgId} className={props.error ? 'field-error' : props.warning ? 'field-warning' : 'field-hint'} role={props.error ? 'alert' : undefined}>
          {message}
        </div>
      )}
    </div>
  );
}

export function issuesToErrors(issues: { path: string; message: string }[] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues ?? []) if (!out[i.path]) out[i.path] = i.message;
  return out;
}
