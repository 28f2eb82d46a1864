/**
 * Choosing a file with an Indonesian button and the chosen file's name, whatever the computer's locale (the
 * native `<input type="file">` says "Choose File" / "No file chosen" in the machine's language). React Aria's
 * FileTrigger opens the system's file dialog from our own button.
 */
import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';

export function FilePicker(props: { accept: string[]; onPick: (file: File) => void; label?: string; id?: string; testId?: string }) {
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-picker">
      <FileTrigger
        acceptedFileTypes={props.accept}
        onSelect={(files) => {
          const f = files?.[0];
          if (!f) return;
          setName(f.name);
          props.onPick(f);
        }}
      >
        <Button className="small-btn" id={props.id} data-testid={props.testId}>
          {props.label ?? 'Pilih berkas…'}
        </Button>
      </FileTrigger>
      <span className="muted small">{name ?? 'Belum ada berkas dipilih'}</span>
    </span>
  );
}
