/**
 * Pengaturan → Keamanan Data (supervisor; issue 15, docs/adr/0016, 0017, 0024): the storage state and encryption,
 * the checked backups and the rule that keeps each, the second copy, "Cadangkan sekarang", "Periksa
 * database", and the guided restore (from a backup or from the server) with its preview and undo. The
 * same screen, without the routine parts, is all the app shows in recovery mode (a database that cannot be
 * opened, backend/backend-host.ts). Live: backups and the storage state announce 'storage', a restore '*'.
 */
import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import type { BackupInfo } from '../../../contract/data-safety';
import type { Result } from '../../../contract/result';
import { call } from '../api';
import { useAction, useLive } from '../live';
import { useApp } from '../store';
import { asyncHandler } from '../ui/async-handler';
import { Field } from '../ui/Field';
import { useStartFocus } from '../ui/focus';
import { fmtDateTime } from '../ui/format';
import './datasafety.css';

type Status = OutputOf<'dataSafety.status'>;
type Verify = OutputOf<'dataSafety.verify'>;
type Done = OutputOf<'dataSafety.restore'>;

const MODE_LABEL: Record<Status['storage']['mode'], string> = {
  normal: 'Normal',
  read_only: 'Hanya-baca',
  damaged: 'Rusak',
  recovery: 'Mode pemulihan',
};

const KIND_LABEL: Record<BackupInfo['kind'], string> = {
  auto: 'Otomatis',
  closing: 'Saat aplikasi ditutup',
  manual: 'Atas permintaan',
  pre_migration: 'Sebelum pembaruan',
  pre_rebuild: 'Sebelum pembangunan ulang',
  pre_restore: 'Sebelum pemulihan',
  pre_encryption: 'Sebelum enkripsi',
};

const KEPT_LABEL: Record<NonNullable<BackupInfo['keptBy']>, string> = {
  today: 'Hari ini (4 terakhir)',
  day: 'Satu per hari (14 hari)',
  month: 'Satu per bulan (12 bulan)',
  safety: 'Salinan pengaman (5 terakhir)',
};

export function fmtBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
}

type Choice = { kind: 'backup'; backup: BackupInfo } | { kind: 'server' } | { kind: 'undo' };

export function DataSafetyScreen({ recovery = false, onRestored }: { recovery?: boolean; onRestored?: () => void; params?: Record<string, string> }) {
  const live = useLive(() => call('dataSafety.status', {}), [], { types: ['storage'] });
  const toast = useApp((s) => s.toast);
  const { busy, run } = useAction();
  const [verify, setVerify] = useState<Verify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [folderError, setFolderError] = useState<string | undefined>(undefined);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const s = live.data;
  // The screen's subjects are read top to bottom: the focus starts on its heading, Tab goes on from there.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useStartFocus(headingRef, s !== null);

  const backupNow = asyncHandler(async () => {
    setError(null);
    const r = await run(() => call('dataSafety.backupNow', {}));
    if (!r) return;
    if (r.ok) {
      toast('success', `Cadangan dibuat dan diperiksa: ${r.value.events} kejadian.`);
      await live.reload();
    } else setError(r.error.message);
  });

  const runVerify = asyncHandler(async () => {
    setError(null);
    setVerify(null);
    const r = await run(() => call('dataSafety.verify', {}));
    if (!r) return;
    if (r.ok) setVerify(r.value);
    else setError(r.error.message);
  });

  const saveFolder = (dir: string | null) =>
    asyncHandler(async () => {
      setFolderError(undefined);
      const r = await run(() => call('dataSafety.setSecondFolder', { dir }));
      if (!r) return;
      if (r.ok) {
        live.set(r.value);
        setFolder(null);
        toast('success', dir ? 'Folder salinan kedua disimpan; salinan pertama sudah dibuat.' : 'Salinan kedua tidak lagi dibuat.');
      } else setFolderError(r.error.issues?.[0]?.message ?? r.error.message);
    });

  const onDone = (d: Done) => {
    setChoice(null);
    setDone(d);
    setVerify(null);
    toast('success', d.message);
    void live.reload();
    setTimeout(() => doneRef.current?.focus(), 0);
    onRestored?.();
  };

  if (!s) return live.error ? <div className="banner banner-error">{live.error.message}</div> : <p className="muted">Memuat keamanan data…</p>;
  const mode = s.storage.mode;
  // A read-only folder cannot take a restored file: the restore is not offered (the backend refuses it too).
  const canRestore = mode !== 'read_only';

  return (
    <div className="data-safety" data-testid="data-safety">
      <h1 tabIndex={-1} ref={headingRef}>
        {recovery ? 'Pemulihan Data' : 'Keamanan Data'}
      </h1>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="banner banner-ok" role="status" tabIndex={-1} ref={doneRef} data-testid="restore-done">
          {done.message} Aplikasi sekarang memakai basis data tersebut.
        </div>
      )}

      <section className="card" aria-labelledby="ds-storage">
        <div className="card-head">
          <h2 id="ds-storage">Penyimpanan</h2>
        </div>
        <dl className="ds-facts">
          <dt>Keadaan</dt>
          <dd data-testid="ds-mode" data-mode={mode}>
            {MODE_LABEL[mode]}
          </dd>
          <dt>Enkripsi</dt>
          <dd data-testid="ds-encrypted">{s.encrypted === true ? 'Terenkripsi dengan kunci perangkat ini' : s.encrypted === false ? 'Tidak terenkripsi' : '–'}</dd>
          <dt>Folder cadangan</dt>
          <dd className="ds-path">{s.dir}</dd>
          {!recovery && (
            <>
              <dt>Cadangan otomatis</dt>
              <dd>{s.enabled ? `Setiap ${s.intervalMinutes} menit bila ada perubahan, dan saat aplikasi ditutup` : 'Tidak aktif'}</dd>
              <dt>Cadangan terakhir</dt>
              <dd data-testid="ds-last">{s.last ? `${fmtDateTime(s.last.at)} · ${s.last.events} kejadian` : 'belum ada'}</dd>
            </>
          )}
        </dl>
        {s.storage.message && <div className={`banner ${mode === 'read_only' ? 'banner-warn' : 'banner-error'}`}>{s.storage.message}</div>}
        {recovery && (
          <p className="muted small">
            Pemulihan dapat dibatalkan kembali dari layar ini setelah masuk. Bila pemeriksaan hanya menemukan data turunan yang tidak cocok dengan catatan kejadian, admin sistem dapat
            juga membangunnya ulang dengan perintah &quot;db rebuild&quot; pada CLI.
          </p>
        )}
        {s.storage.problems.length > 0 && (
          <ul className="ds-problems">
            {s.storage.problems.slice(0, 5).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {s.lastError && <div className="banner banner-error">Pencadangan terakhir gagal ({s.lastErrorAt ? fmtDateTime(s.lastErrorAt) : ''}): {s.lastError}</div>}
      </section>

      <section className="card" aria-labelledby="ds-backups">
        <div className="card-head">
          <h2 id="ds-backups">Cadangan</h2>
          {!recovery && (
            <button type="button" className="primary" disabled={!s.enabled} aria-disabled={busy} onClick={backupNow} data-testid="backup-now">
              Cadangkan sekarang
            </button>
          )}
        </div>
        {s.backups.length === 0 ? (
          <p data-testid="ds-no-backups">Belum ada cadangan.</p>
        ) : (
          <table className="table static" data-testid="ds-backup-list">
            <thead>
              <tr>
                <th>Waktu</th>
                <th>Jenis</th>
                <th className="num">Kejadian</th>
                <th>Kejadian terakhir</th>
                <th className="num">Belum terkirim</th>
                <th className="num">Ukuran</th>
                <th>Disimpan karena</th>
                <th>
                  <span className="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.backups.map((b) => (
                <tr key={b.file} data-file={b.file}>
                  <td>{fmtDateTime(b.at)}</td>
                  <td>{KIND_LABEL[b.kind]}</td>
                  <td className="num">{b.events.toLocaleString('id-ID')}</td>
                  <td title={b.lastEventId ?? ''}>{b.lastEventId ? `…${b.lastEventId.slice(-8)}` : '–'}</td>
                  <td className="num">{b.unsynced}</td>
                  <td className="num">{fmtBytes(b.bytes)}</td>
                  <td>{b.keptBy ? KEPT_LABEL[b.keptBy] : 'Akan dihapus'}</td>
                  <td>
                    {canRestore && (
                    <button type="button" className="secondary small-btn" aria-disabled={busy} onClick={() => !busy && setChoice({ kind: 'backup', backup: b })} aria-label={`Pulihkan dari cadangan ${fmtDateTime(b.at)}`}>
                      Pulihkan…
                    </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted small">Setiap cadangan diperiksa (keutuhan berkas, jumlah kejadian, dan kejadian terakhir) sebelum dihitung sebagai cadangan.</p>
      </section>

      {canRestore && (
      <section className="card" aria-labelledby="ds-restore">
        <div className="card-head">
          <h2 id="ds-restore">Pulihkan data</h2>
        </div>
        <p className="muted">
          Pilih cadangan pada daftar di atas, atau ambil ulang seluruh data kantor dari server pusat. Sebelum dipulihkan, aplikasi menampilkan apa yang akan hilang atau kembali.
          Basis data sekarang selalu disimpan sehingga pemulihan dapat dibatalkan. Nomor tanda terima tidak pernah diterbitkan ulang.
        </p>
        <div className="form-actions">
          <button type="button" className="secondary" aria-disabled={busy} onClick={() => !busy && setChoice({ kind: 'server' })} data-testid="restore-from-server">
            Ambil ulang dari server…
          </button>
          {s.undo && (
            <button type="button" className="secondary" aria-disabled={busy} onClick={() => !busy && setChoice({ kind: 'undo' })} data-testid="undo-restore">
              Batalkan pemulihan terakhir…
            </button>
          )}
        </div>
        {s.undo && <p className="muted small">Basis data yang disisihkan oleh pemulihan pada {fmtDateTime(s.undo.at)} dapat dikembalikan.</p>}
        {choice && <RestorePanel key={choice.kind === 'backup' ? choice.backup.file : choice.kind} choice={choice} onCancel={() => setChoice(null)} onDone={onDone} />}
      </section>
      )}

      {!recovery && (
        <section className="card" aria-labelledby="ds-second">
          <div className="card-head">
            <h2 id="ds-second">Salinan kedua</h2>
          </div>
          <p className="muted">Setiap cadangan juga disalin ke folder lain, misalnya diska USB atau folder jaringan, agar data tetap ada bila komputer ini rusak.</p>
          <dl className="ds-facts">
            <dt>Folder</dt>
            <dd className="ds-path" data-testid="ds-second-dir">
              {s.secondDir ?? 'belum dipilih'}
            </dd>
            <dt>Berhasil terakhir</dt>
            <dd data-testid="ds-second-ok">{s.secondLastOkAt ? fmtDateTime(s.secondLastOkAt) : 'belum pernah'}</dd>
          </dl>
          {s.secondLastError && (
            <div className="banner banner-error">
              Penyalinan ke folder kedua gagal ({s.secondLastErrorAt ? fmtDateTime(s.secondLastErrorAt) : ''}): {s.secondLastError}
            </div>
          )}
          <form
            className="ds-folder"
            onSubmit={(e) => {
              e.preventDefault();
              saveFolder((folder ?? s.secondDir ?? '').trim() || null)();
            }}
          >
            <Field label="Folder salinan kedua" error={folderError} hint="Jalur lengkap, mis. /media/usb/cadangan-lpse atau \\server\berbagi\lpse.">
              {(id, d) => <input id={id} aria-describedby={d} value={folder ?? s.secondDir ?? ''} onChange={(e) => setFolder(e.target.value)} readOnly={busy} data-testid="second-folder" />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!s.enabled} aria-disabled={busy}>
                Simpan folder
              </button>
              {s.secondDir && (
                <button type="button" className="secondary" aria-disabled={busy} onClick={saveFolder(null)}>
                  Hentikan salinan kedua
                </button>
              )}
            </div>
          </form>
        </section>
      )}

      {!recovery && (
        <section className="card" aria-labelledby="ds-verify">
          <div className="card-head">
            <h2 id="ds-verify">Periksa database</h2>
            <button type="button" className="secondary" aria-disabled={busy} onClick={runVerify} data-testid="verify-now">
              Periksa database
            </button>
          </div>
          <p className="muted">Semua data dibangun ulang dari catatan kejadian di salinan terpisah, lalu dibandingkan dengan data yang dipakai aplikasi. Tidak ada yang diubah.</p>
          {busy && !verify && <p className="muted">Sedang memeriksa…</p>}
          {verify && (
            <div className={`banner ${verify.ok ? 'banner-ok' : 'banner-error'}`} role="status" data-testid="verify-result">
              {verify.ok
                ? `Database utuh: ${verify.events.toLocaleString('id-ID')} kejadian dan ${verify.aggregates.toLocaleString('id-ID')} data diperiksa dalam ${(verify.ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} detik; tidak ada perbedaan.`
                : `Ditemukan masalah: ${[...verify.integrity.filter((i) => i !== 'ok'), ...verify.differences.map((d) => `tabel ${d.table}: ${d.missing} baris hilang, ${d.extra} baris berlebih`), ...verify.unknown.map((u) => `tabel tidak dikenal ${u}`)].slice(0, 6).join('; ')}. Pulihkan dari cadangan atau ambil ulang dari server.`}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/** The preview of one restore and its confirmation. */
function RestorePanel({ choice, onCancel, onDone }: { choice: Choice; onCancel: () => void; onDone: (d: Done) => void }) {
  const preview = useLive(
    async (): Promise<Result<string[]>> => {
      if (choice.kind === 'backup') {
        const r = await call('dataSafety.restorePreview', { file: choice.backup.file });
        if (!r.ok) return r;
        const p = r.value;
        const lines = [
          `Cadangan ${fmtDateTime(p.backup.at)} berisi ${p.backup.events.toLocaleString('id-ID')} kejadian.`,
          p.newerHere === 0
            ? 'Tidak ada kejadian di komputer ini yang lebih baru dari cadangan ini (atau basis data sekarang tidak dapat dibaca).'
            : `Ada ${p.newerHere} kejadian yang lebih baru dari cadangan: ${p.regainedFromServer} sudah ada di server dan akan kembali pada sinkronisasi berikutnya; ${p.lost} belum pernah terkirim dan tidak akan kembali (tetap tersimpan dalam basis data yang disisihkan).`,
        ];
        if (p.receiptsAfterBackup.length > 0) lines.push(`Tanda terima yang diterbitkan setelah cadangan: ${p.receiptsAfterBackup.join(', ')}. Nomornya tidak akan diterbitkan ulang.`);
        if (p.lostReceipts.length > 0) lines.push(`Tanda terima yang tidak akan kembali: ${p.lostReceipts.join(', ')}.`);
        return { ok: true, value: lines };
      }
      if (choice.kind === 'server') {
        const r = await call('dataSafety.serverRestorePreview', {});
        if (!r.ok) return r;
        const p = r.value;
        const lines = [
          `Seluruh data kantor diambil ulang dari server ${p.serverUrl ?? ''}; identitas komputer ini tetap.`,
          p.lost === null ? 'Basis data sekarang tidak dapat dibaca: kejadian yang belum terkirim tidak dapat dihitung.' : p.lost === 0 ? 'Semua kejadian di komputer ini sudah ada di server: tidak ada yang hilang.' : `${p.lost} kejadian belum pernah terkirim ke server dan tidak akan kembali (tetap tersimpan dalam basis data yang disisihkan).`,
        ];
        if (p.lostReceipts.length > 0) lines.push(`Tanda terima yang tidak akan kembali: ${p.lostReceipts.join(', ')}. Nomornya tidak akan diterbitkan ulang.`);
        return { ok: true, value: lines };
      }
      return { ok: true, value: ['Basis data sebelum pemulihan terakhir dikembalikan. Basis data hasil pemulihan disimpan terpisah, sehingga langkah ini pun dapat dibatalkan.'] };
    },
    [choice],
    { types: ['storage'] },
  );
  const { busy, run } = useAction();
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const ready = preview.data !== null;
  // The decision is the next thing to do once the preview is there: the focus waits on its button.
  useEffect(() => {
    if (ready) confirmRef.current?.focus();
  }, [ready]);
  const title = choice.kind === 'backup' ? 'Pulihkan dari cadangan' : choice.kind === 'server' ? 'Ambil ulang dari server' : 'Batalkan pemulihan terakhir';

  const confirm = asyncHandler(async () => {
    if (!preview.data) return;
    setError(null);
    const r = await run(() => (choice.kind === 'backup' ? call('dataSafety.restore', { file: choice.backup.file }) : choice.kind === 'server' ? call('dataSafety.restoreFromServer', {}) : call('dataSafety.undoRestore', {})));
    if (!r) return;
    if (r.ok) onDone(r.value);
    else setError(r.error.message);
  });

  return (
    <div className="ds-restore-panel" role="region" aria-labelledby="ds-restore-title" data-testid="restore-panel">
      <h3 id="ds-restore-title">{title}</h3>
      {preview.loading && !preview.data && <p className="muted">Menghitung apa yang akan hilang atau kembali…</p>}
      {preview.error && <div className="banner banner-error">{preview.error.message}</div>}
      {preview.data && (
        <ul data-testid="restore-preview">
          {preview.data.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {busy && <p className="muted">Sedang memulihkan… Aplikasi menutup basis data, menggantinya, lalu membukanya kembali.</p>}
      <div className="form-actions">
        <button type="button" className="primary" aria-disabled={busy || !preview.data} onClick={confirm} ref={confirmRef} data-testid="restore-confirm">
          {choice.kind === 'undo' ? 'Ya, batalkan pemulihan' : 'Ya, pulihkan'}
        </button>
        <button type="button" className="secondary" aria-disabled={busy} onClick={() => !busy && onCancel()}>
          Batal
        </button>
      </div>
    </div>
  );
}
