/**
 * Pengaturan → Sinkronisasi (supervisor, system admin): the state of sync in detail, enrolling this PC with
 * the central server, and removing the enrollment.
 */
import { pendingText } from './SyncStatusWidget';
import { useEffect, useState } from 'react';
import { call } from '../api';
import { useApp } from '../store';
import { fmtDateTime } from '../ui/format';
import { EnrollForm } from './EnrollForm';
import { STATE_LABEL, useSync } from './status-store';
import './sync.css';
import { sentence } from '../../../domain/sentence';
import { asyncHandler } from '../ui/async-handler';

function offsetText(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 5) return 'sama dengan server pusat';
  return `${ms > 0 ? 'lebih lambat' : 'lebih cepat'} ${s >= 60 ? `${Math.round(s / 60)} menit` : `${s} detik`} dari server pusat`;
}

export function SyncSettingsScreen() {
  const { status, refresh, syncNow, running } = useSync();
  const toast = useApp((s) => s.toast);
  const [confirmForget, setConfirmForget] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!status) return <p className="muted">Memuat status sinkronisasi…</p>;
  const reEnroll = !status.enrolled || status.state === 'revoked';

  return (
    <div className="sync-settings" data-testid="sync-settings">
      <h1>Sinkronisasi dengan server pusat</h1>
      <section className="card">
        <div className="card-head">
          <h2>Status</h2>
          {status.enrolled && (
            <button type="button" className="secondary" disabled={running} onClick={() => void syncNow()}>
              {running ? 'Menyinkronkan…' : 'Sinkronkan sekarang'}
            </button>
          )}
        </div>
        <dl className="sync-facts">
          <dt>Keadaan</dt>
          <dd data-testid="sync-settings-state">{STATE_LABEL[running ? 'syncing' : status.state]}</dd>
          <dt>Kantor</dt>
          <dd>{status.officeName ?? status.boundOfficeName ?? '–'}</dd>
          <dt>Server pusat</dt>
          <dd>{status.serverUrl ?? '–'}</dd>
          <dt>Data belum terkirim</dt>
          <dd>{pendingText(status.pendingCount)}</dd>
          <dt>Sinkron terakhir berhasil</dt>
          <dd>{status.lastSuccessAt ? fmtDateTime(status.lastSuccessAt) : 'belum pernah'}</dd>
          <dt>Percobaan berikutnya</dt>
          <dd>{status.nextAttemptAt ? fmtDateTime(status.nextAttemptAt) : '–'}</dd>
          <dt>Jam komputer</dt>
          <dd>{offsetText(status.clockOffsetMs)}</dd>
          <dt>Kesalahan terakhir</dt>
          <dd>{status.lastError ? `${status.lastError.message} (${fmtDateTime(status.lastError.at)})` : '–'}</dd>
        </dl>
        {status.clockWarning && <div className="banner banner-warn">{status.clockWarning}</div>}
        {status.heldWarning && <div className="banner banner-warn">{status.heldWarning}</div>}
        {status.quarantineWarning && (
          <div className="banner banner-warn" data-testid="quarantine-warning">
            {status.quarantineWarning}
          </div>
        )}
      </section>

      {reEnroll && (
        <section className="card">
          <div className="card-head">
            <h2>{status.enrolled ? 'Daftarkan ulang komputer ini' : 'Daftarkan komputer ini'}</h2>
          </div>
          <p className="muted">
            Minta kode pendaftaran kepada admin server pusat. Setelah terdaftar, komputer ini mengirim data yang dicatat di sini dan menerima data dari komputer lain di
            kantor yang sama. Data tetap tersimpan di komputer ini walaupun jaringan terputus.
          </p>
          {status.boundOfficeName && <p className="muted">Data di komputer ini milik {status.boundOfficeName}; gunakan kode untuk kantor tersebut.</p>}
          <EnrollForm
            submitLabel="Daftarkan"
            onEnrolled={async (s) => {
              useSync.getState().set(s);
              toast('success', sentence(`Komputer ini terdaftar pada ${s.officeName ?? 'server pusat'}`));
              await syncNow();
            }}
          />
        </section>
      )}

      {status.enrolled && (
        <section className="card">
          <div className="card-head">
            <h2>Lepaskan pendaftaran</h2>
          </div>
          <p className="muted">
            Komputer ini berhenti sinkron dengan server pusat. Data di komputer ini tidak dihapus; data yang belum terkirim akan dikirim saat komputer didaftarkan lagi.
          </p>
          {error && <div className="banner banner-error">{error}</div>}
          {confirmForget ? (
            <div className="form-actions">
              <button
                type="button"
                className="primary"
                onClick={asyncHandler(async () => {
                  const r = await call('sync.forget', {});
                  setConfirmForget(false);
                  if (r.ok) {
                    useSync.getState().set(r.value);
                    toast('info', 'Pendaftaran komputer ini dilepaskan.');
                  } else setError(r.error.message);
                })}
              >
                Ya, lepaskan
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmForget(false)}>
                Batal
              </button>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirmForget(true)}>
              Lepaskan pendaftaran…
            </button>
          )}
        </section>
      )}
    </div>
  );
}
