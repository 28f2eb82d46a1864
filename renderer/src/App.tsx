import { Suspense, useEffect, useState } from 'react';
import { call, onApiError } from './api';
import { SetupScreen, SignInScreen } from './auth/AuthScreens';
import { APP_BANNERS, HEADER_WIDGETS } from './header';
import { NAV } from './nav';
import { ScreenBoundary } from './ui/ScreenBoundary';
import { hasRole, useApp } from './store';
import { fmtDateTime, ROLE_LABEL } from './ui/format';
import { Toasts } from './ui/Toasts';

function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return <span className="clock">{fmtDateTime(now)}</span>;
}

export function App() {
  const { status, session, route, setStatus, setSession, go } = useApp();
  const [signInReason, setSignInReason] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    void call('app.status', {}).then((r) => (r.ok ? setStatus(r.value) : setFatal(r.error.message)));
  }, [setStatus]);

  useEffect(
    () =>
      onApiError((err) => {
        if (err.code === 'unauthenticated' && useApp.getState().session) {
          setSignInReason(err.message);
          setSession(null);
        }
      }),
    [setSession],
  );

  const visible = NAV.filter((n) => !n.hidden && (n.roles === 'all' || hasRole(session, ...n.roles)));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const entry = visible.find((n) => n.key === e.key);
      if (entry) {
        e.preventDefault();
        go(entry.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, go]);

  if (fatal) return <div className="banner banner-error fatal">{fatal}</div>;
  if (!status) return <p className="muted center">Memuat LPSE Counter…</p>;
  if (!session) {
    return (
      <>
        {status.setupRequired ? <SetupScreen /> : <SignInScreen reason={signInReason} />}
        <Toasts />
      </>
    );
  }

  const current = NAV.find((n) => n.id === route.screen) ?? NAV[0]!;
  const Screen = current.component;
  return (
    <div className="layout">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark small" aria-hidden="true">
            LPSE
          </span>
          <span>
            <strong>LPSE Counter</strong>
            <span className="muted small"> · Bagian Layanan Pengadaan Kota Banjarmasin</span>
          </span>
        </div>
        <div className="topbar-right">
          {HEADER_WIDGETS.map((W) => (
            <W.component key={W.id} />
          ))}
          <Clock />
          <span className="user" data-testid="current-user">
            {session.user.displayName}
            <span className="muted small"> · {session.user.roles.map((r) => ROLE_LABEL[r]).join(', ')}</span>
          </span>
          <button
            type="button"
            className="secondary small-btn"
            onClick={async () => {
              await call('auth.signOut', {});
              setSignInReason(null);
              setSession(null);
            }}
          >
            Keluar
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Menu utama">
        {visible.map((n) => (
          <button key={n.id} type="button" className={`nav-item ${current.id === n.id ? 'active' : ''}`} onClick={() => go(n.id)} aria-current={current.id === n.id ? 'page' : undefined}>
            <span>{n.label}</span>
            {n.key && <kbd>Alt+{n.key}</kbd>}
          </button>
        ))}
      </nav>
      <main className="content">
        {APP_BANNERS.map((B) => (
          <B.component key={B.id} />
        ))}
        <ScreenBoundary key={route.screen}>
          <Suspense fallback={<p className="muted center">Memuat…</p>}>
            <Screen params={route.params} />
          </Suspense>
        </ScreenBoundary>
      </main>
      <Toasts />
    </div>
  );
}
