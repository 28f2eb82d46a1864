/**
 * First run of a new PC in an office that already works with the central server: instead of creating a
 * supervisor account here, the PC joins the office and receives its accounts (and everything else) by sync.
 */
import { useState } from 'react';
import { call } from '../api';
import { useApp } from '../store';
import { EnrollForm } from './EnrollForm';
import './sync.css';

export function JoinOffice() {
  const setStatus = useApp((s) => s.setStatus);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  if (!open) {
    return (
      <div className="join-office">
        <p className="muted">Kantor Anda sudah memakai server pusat? Komputer ini dapat bergabung dan menerima akun petugas dari sana.</p>
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="join-office">
          Gabung ke kantor melalui server pusat
        </button>
      </div>
    );
  }
  return (
    <div className="join-office">
      <h2>Gabung ke kantor</h2>
      {note && <div className="banner banner-warn">{note}</div>}
      <EnrollForm
        submitLabel="Gabung dan unduh data kantor"
        onEnrolled={async () => {
          const synced = await call('sync.now', {});
          const status = await call('app.status', {});
          if (synced.ok && synced.value.state !== 'online') setNote(synced.value.lastError?.message ?? 'Sinkronisasi belum berhasil; dicoba lagi otomatis.');
          if (status.ok) {
            if (status.value.setupRequired) setNote('Komputer ini sudah terdaftar, tetapi kantor ini belum memiliki akun petugas di server pusat. Buat akun pimpinan di atas.');
            setStatus(status.value);
          }
        }}
      />
    </div>
  );
}
