/**
 * Staff accounts (supervisor only): add staff with one or more roles, change roles, deactivate and
 * reactivate, reset a password; and the screen-lock setting of the office.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StaffUser } from '../../../contract/staff';
import type { Role } from '../../../domain/events/schema';
import { ASSIGNABLE_ROLES, needsRoleMigration } from '../../../domain/roles';
import { call } from '../api';
import '../desks/desks.css';
import { useApp } from '../store';
import { Field, issuesToErrors, type FieldErrors } from '../ui/Field';
import { ROLE_LABEL } from '../ui/format';
import { asyncHandler } from '../ui/async-handler';

function RoleChecks(props: { value: Role[]; onChange: (r: Role[]) => void; idPrefix: string }) {
  return (
    <div className="role-checks" role="group" aria-label="Peran">
      {[...ASSIGNABLE_ROLES, ...(props.value.includes('supervisor') ? (['supervisor'] as const) : [])].map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            data-testid={`${props.idPrefix}-role-${r}`}
            checked={props.value.includes(r)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, r] : props.value.filter((x) => x !== r))}
          />
          {ROLE_LABEL[r]}
        </label>
      ))}
    </div>
  );
}

function AddStaffForm(props: { onAdded: () => void }) {
  const toast = useApp((s) => s.toast);
  const empty = { username: '', displayName: '', password: '', confirm: '' };
  const [form, setForm] = useState(empty);
  const [roles, setRoles] = useState<Role[]>(['helpdesk']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setErrors({ confirm: 'Konfirmasi kata sandi tidak sama.' });
      return;
    }
    setBusy(true);
    const r = await call('users.create', { username: form.username, displayName: form.displayName, roles, password: form.password });
    setBusy(false);
    if (r.ok) {
      toast('success', `Akun ${r.value.displayName} ditambahkan.`);
      setForm(empty);
      setErrors({});
      props.onAdded();
    } else {
      setErrors({ ...issuesToErrors(r.error.issues), _: r.error.issues?.length ? undefined : r.error.message });
    }
  }
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="card" onSubmit={asyncHandler(submit)} noValidate data-testid="add-staff">
      <div className="card-head">
        <h2>Tambah petugas</h2>
      </div>
      {errors._ && <div className="banner banner-error">{errors._}</div>}
      <div className="grid2">
        <Field label="Nama lengkap" error={errors.displayName} required>
          {(id, d) => <input id={id} aria-describedby={d} name="displayName" value={form.displayName} onChange={set('displayName')} />}
        </Field>
        <Field label="Nama pengguna" error={errors.username} hint="Huruf kecil, angka, titik, garis bawah." required>
          {(id, d) => <input id={id} aria-describedby={d} name="username" value={form.username} onChange={set('username')} autoComplete="off" />}
        </Field>
        <Field label="Kata sandi awal" error={errors.password} hint="Minimal 10 karakter, memuat huruf dan angka." required>
          {(id, d) => <input id={id} aria-describedby={d} name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" />}
        </Field>
        <Field label="Ulangi kata sandi" error={errors.confirm} required>
          {(id, d) => <input id={id} aria-describedby={d} name="confirm" type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" />}
        </Field>
      </div>
      <div className={`field ${errors.roles ? 'has-error' : ''}`}>
        <label>Peran (boleh lebih dari satu)</label>
        <RoleChecks value={roles} onChange={setRoles} idPrefix="new" />
        {errors.roles && <div className="field-error">{errors.roles}</div>}
      </div>
      <div className="form-actions">
        <button className="primary" disabled={busy} data-testid="add-staff-submit">
          Tambah petugas
        </button>
      </div>
    </form>
  );
}

function ScreenLockSetting() {
  const toast = useApp((s) => s.toast);
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('settings.screenLock', {}).then((r) => r.ok && setMinutes(String(r.value.screenLockMinutes)));
  }, []);
  return (
    <section className="card">
      <div className="card-head">
        <h2>Kunci layar otomatis</h2>
      </div>
      <div className="desk-actions">
        <Field label="Kunci layar setelah tidak ada aktivitas selama (menit)" error={error ?? undefined}>
          {(id, d) => (
            // Whole minutes, typed as digits: a plain field behaves the same in every locale (a number input's
            // spinner and separators follow the machine's).
            <input id={id} aria-describedby={d} inputMode="numeric" maxLength={3} value={minutes} onChange={(e) => setMinutes(e.target.value.replace(/\D/g, ''))} style={{ width: 120 }} data-testid="lock-minutes" />
          )}
        </Field>
        <button
          type="button"
          className="secondary"
          onClick={asyncHandler(async () => {
            const r = await call('settings.setScreenLock', { screenLockMinutes: Number(minutes) });
            if (r.ok) {
              setError(null);
              toast('success', `Layar terkunci otomatis setelah ${r.value.screenLockMinutes} menit tanpa aktivitas.`);
              window.dispatchEvent(new CustomEvent('lpse-lock-setting', { detail: r.value.screenLockMinutes }));
            } else setError(r.error.issues?.[0]?.message ?? r.error.message);
          })}
        >
          Simpan
        </button>
      </div>
    </section>
  );
}

export function StaffScreen() {
  const toast = useApp((s) => s.toast);
  const session = useApp((s) => s.session);
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [editing, setEditing] = useState<{ user: StaffUser; mode: 'roles' | 'password' | 'disable' } | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('users.list', {});
    if (r.ok) setUsers(r.value.users);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function done<T>(r: { ok: true; value: T } | { ok: false; error: { message: string; issues?: { message: string }[] } }, message: string) {
    if (r.ok) {
      toast('success', message);
      setEditing(null);
      setError(null);
      await load();
    } else setError(r.error.issues?.[0]?.message ?? r.error.message);
  }

  return (
    <div data-testid="staff-screen">
      <h1>Akun Petugas</h1>
      {(users ?? []).some((u) => needsRoleMigration(u.roles)) && (
        // Issue 14: the one "supervisor" role of earlier versions is split into the regulation's two heads. The
        // move is a role change of the same account (its history stays), chosen here by the office.
        <section className="card banner banner-warn" data-testid="role-migration">
          <div className="card-head">
            <h2>Tetapkan jabatan pimpinan</h2>
          </div>
          <p>
            Peran Supervisor diganti dengan dua jabatan menurut Perwali Banjarmasin Nomor 67 Tahun 2018: Kepala Bagian (menandatangani maklumat pelayanan,
            menetapkan standar pelayanan, diskresi Pasal 6) dan Kepala Sub Bagian (mengawasi meja layanan, kalender, akun, dan laporan). Riwayat akun tetap
            tersimpan.
          </p>
          <ul>
            {(users ?? [])
              .filter((u) => needsRoleMigration(u.roles))
              .map((u) => (
                <li key={u.id} data-testid={`migrate-${u.username}`}>
                  <strong>{u.displayName}</strong> ({u.username}):{' '}
                  {(['kepala_bagian', 'kepala_subbagian'] as const).map((head) => (
                    <button
                      key={head}
                      type="button"
                      className="small-btn"
                      data-testid={`migrate-${u.username}-${head}`}
                      onClick={asyncHandler(async () =>
                        done(
                          await call('users.setRoles', { userId: u.id, roles: [...u.roles.filter((r) => r !== 'supervisor'), head] }),
                          `${u.displayName} kini ${ROLE_LABEL[head]}.`,
                        )
                      )}
                    >
                      Jadikan {ROLE_LABEL[head]}
                    </button>
                  ))}
                </li>
              ))}
          </ul>
        </section>
      )}
      <section className="card">
        <div className="card-head">
          <h2>Daftar petugas</h2>
          <span className="muted">{users ? `${users.filter((u) => u.active).length} aktif` : ''}</span>
        </div>
        <table className="table static" data-testid="staff-table">
          <thead>
            <tr>
              <th>Nama</th>
              <th>Nama pengguna</th>
              <th>Peran</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid={`staff-${u.username}`}>
                <td>{u.displayName}</td>
                <td>{u.username}</td>
                <td>{u.roles.map((r) => ROLE_LABEL[r]).join(', ')}</td>
                <td>{u.active ? <span className="chip chip-completed">Aktif</span> : <span className="chip">Nonaktif</span>}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="small-btn" onClick={() => (setEditing({ user: u, mode: 'roles' }), setRoles(u.roles), setError(null))}>
                      Ubah peran
                    </button>
                    <button type="button" className="small-btn" onClick={() => (setEditing({ user: u, mode: 'password' }), setText(''), setError(null))}>
                      Atur ulang sandi
                    </button>
                    {u.active ? (
                      u.id !== session?.user.id && (
                        <button type="button" className="small-btn danger-on" data-testid={`disable-${u.username}`} onClick={() => (setEditing({ user: u, mode: 'disable' }), setText(''), setError(null))}>
                          Nonaktifkan
                        </button>
                      )
                    ) : (
                      <button type="button" className="small-btn" onClick={asyncHandler(async () => done(await call('users.enable', { userId: u.id }), `Akun ${u.displayName} diaktifkan kembali.`))}>
                        Aktifkan
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <AddStaffForm onAdded={() => void load()} />
      <ScreenLockSetting />

      {editing && (
        <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="staff-dialog-title">
          <div className="modal">
            <h2 id="staff-dialog-title">
              {editing.mode === 'roles' ? 'Ubah peran' : editing.mode === 'password' ? 'Atur ulang kata sandi' : 'Nonaktifkan akun'}: {editing.user.displayName}
            </h2>
            {editing.mode === 'roles' && <RoleChecks value={roles} onChange={setRoles} idPrefix="edit" />}
            {editing.mode === 'password' && (
              <Field label="Kata sandi baru" hint="Minimal 10 karakter, memuat huruf dan angka. Sampaikan langsung kepada petugas.">
                {(id, d) => <input id={id} aria-describedby={d} type="password" value={text} onChange={(e) => setText(e.target.value)} autoComplete="new-password" autoFocus />}
              </Field>
            )}
            {editing.mode === 'disable' && (
              <>
                <p>Petugas ini tidak dapat masuk lagi sampai diaktifkan kembali; sesinya yang terbuka diakhiri. Riwayat pekerjaannya tetap tersimpan.</p>
                <Field label="Alasan (opsional)">{(id) => <input id={id} value={text} onChange={(e) => setText(e.target.value)} autoFocus />}</Field>
              </>
            )}
            {error && <div className="banner banner-error">{error}</div>}
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => setEditing(null)}>
                Batal
              </button>
              <button
                type="button"
                className={editing.mode === 'disable' ? 'danger' : 'primary'}
                data-testid="staff-dialog-confirm"
                onClick={asyncHandler(async () => {
                  const u = editing.user;
                  if (editing.mode === 'roles') await done(await call('users.setRoles', { userId: u.id, roles }), `Peran ${u.displayName} diperbarui.`);
                  if (editing.mode === 'password') await done(await call('users.resetPassword', { userId: u.id, newPassword: text }), `Kata sandi ${u.displayName} diatur ulang.`);
                  if (editing.mode === 'disable') await done(await call('users.disable', { userId: u.id, reason: text }), `Akun ${u.displayName} dinonaktifkan.`);
                })}
              >
                Simpan
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
