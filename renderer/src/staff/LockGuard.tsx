/**
 * The screen lock: after the office's configured inactivity (default 10 minutes) the session is locked in
 * the backend and the screen is covered. The same user unlocks with their password and carries on where
 * they were; on a shared PC another member of staff signs in instead (the previous session ends).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { call, onApiError } from '../api';
import '../desks/desks.css';
import { useApp } from '../store';
import { Field } from '../ui/Field';
import { IdleTracker } from './idle';
import { asyncHandler } from '../ui/async-handler';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export function LockGuard() {
  const session = useApp((s) => s.session);
  const [locked, setLocked] = useState(false);
  const tracker = useRef(new IdleTracker(10 * 60_000, Date.now()));
  const lockedRef = useRef(false);
  lockedRef.current = locked;

  useEffect(() => {
    let alive = true;
    void call('auth.lockState', {}).then((r) => {
      if (!alive || !r.ok) return;
      tracker.current.setLimit(r.value.screenLockMinutes * 60_000);
      if (r.value.locked) setLocked(true);
    });
    const onSetting = (e: Event) => tracker.current.setLimit(Number((e as CustomEvent<number>).detail) * 60_000);
    const onActivity = () => tracker.current.activity(Date.now());
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true });
    window.addEventListener('lpse-lock-setting', onSetting);
    const off = onApiError((err) => {
      if (err.code === 'locked') setLocked(true);
    });
    const timer = setInterval(() => {
      if (!lockedRef.current && tracker.current.isIdle(Date.now())) {
        setLocked(true);
        void call('auth.lock', {});
      }
    }, 5000);
    return () => {
      alive = false;
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity);
      window.removeEventListener('lpse-lock-setting', onSetting);
      off();
      clearInterval(timer);
    };
  }, [session?.token]);

  useEffect(() => {
    // Nothing of the screen behind may be scrolled into view while it is locked.
    document.body.style.overflow = locked ? 'hidden' : '';
    return () => {
      document.body.style.overflow = '';
    };
  }, [locked]);

  return (
    <>
      <button
        type="button"
        className="secondary small-btn lock-btn"
        data-testid="lock-now"
        title="Kunci layar saat meninggalkan meja"
        onClick={() => {
          setLocked(true);
          void call('auth.lock', {});
        }}
      >
        Kunci layar
      </button>
      {locked &&
        session &&
        // On <body>, not inside the top bar: the cover must not inherit the bar's styles.
        createPortal(
          <LockScreen
            displayName={session.user.displayName}
            onUnlocked={() => {
              tracker.current.activity(Date.now());
              setLocked(false);
            }}
          />,
          document.body,
        )}
    </>
  );
}

function LockScreen(props: { displayName: string; onUnlocked: () => void }) {
  const setSession = useApp((s) => s.setSession);
  const [mode, setMode] = useState<'unlock' | 'switch'>('unlock');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    if (mode === 'unlock') {
      const r = await call('auth.unlock', { password });
      setBusy(false);
      if (r.ok) props.onUnlocked();
      else if (r.error.code === 'unauthenticated') setSession(null);
      else setError(r.error.message);
    } else {
      const r = await call('auth.signIn', { username, password });
      setBusy(false);
      if (r.ok) {
        props.onUnlocked();
        setSession(r.value);
      } else setError(r.error.message);
    }
    setPassword('');
  }

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-screen">
      <form className="lock-card stack" onSubmit={asyncHandler(submit)} noValidate>
        <div className="brand-block">
          <div className="brand-mark" aria-hidden="true">
            LPSE
          </div>
          <div>
            <div className="brand-title" id="lock-title">
              Layar terkunci
            </div>
            <div className="brand-sub">Data pemohon tidak ditampilkan selama petugas tidak di tempat.</div>
          </div>
        </div>
        {mode === 'unlock' ? (
          <>
            <div className="lock-who">
              <div className="muted small">Sedang digunakan oleh</div>
              <div className="lock-user">{props.displayName}</div>
            </div>
            <Field label="Kata sandi" error={error ?? undefined}>
              {(id, d) => <input id={id} aria-describedby={d} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="current-password" data-testid="unlock-password" />}
            </Field>
            <button className="primary" disabled={busy || !password} data-testid="unlock">
              Buka kunci
            </button>
            <button type="button" className="link" onClick={() => (setMode('switch'), setError(null))} data-testid="switch-user">
              Bukan {props.displayName}? Ganti pengguna
            </button>
          </>
        ) : (
          <>
            <p className="muted">Masuk sebagai petugas lain. Sesi {props.displayName} akan diakhiri.</p>
            <Field label="Nama pengguna">
              {(id) => <input id={id} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus autoComplete="username" data-testid="switch-username" />}
            </Field>
            <Field label="Kata sandi" error={error ?? undefined}>
              {(id, d) => <input id={id} aria-describedby={d} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="switch-password" />}
            </Field>
            <button className="primary" disabled={busy || !username || !password} data-testid="switch-submit">
              Masuk
            </button>
            <button type="button" className="link" onClick={() => (setMode('unlock'), setError(null))}>
              Kembali
            </button>
          </>
        )}
      </form>
    </div>
  );
}
