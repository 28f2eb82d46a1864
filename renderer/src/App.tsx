import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { call, onApiError, setSessionToken, subscribeChanges } from './api';
import { touches } from './live';
import { SetupScreen, SignInScreen } from './auth/AuthScreens';
import { APP_BANNERS, HEADER_WIDGETS } from './header';
import { NAV, NAV_GROUPS } from './nav';
import { useUnitDeskNav } from './desks/nav-entries';
import { ScreenBoundary } from './ui/ScreenBoundary';
import { hasRole, savedSession, useApp } from './store';
import { fmtDate, fmtDateTime, fmtTime, ROLE_LABEL } from './ui/format';
import { Toasts } from './ui/Toasts';
import { asyncHandler } from './ui/async-handler';
import { DataSafetyScreen } from './datasafety/DataSafetyScreen';
import { RecoverySignIn, type RecoverySession } from './datasafety/RecoverySignIn';

/** The top bar's clock: ticks on this screen at each new minute, no query. */
function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let t: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(Date.now());
      t = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    };
    t = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    return () => clearTimeout(t);
  }, []);
  return (
    <span className="clock" title={fmtDateTime(now)}>
      <span className="clock-date">{fmtDate(now)} · </span>
      {fmtTime(now)}
    </span>
  );
}

export function App() {
  const { status, session, route, setStatus, setSession, go } = useApp();
  const [signInReason, setSignInReason] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<RecoverySession | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(() => savedSession() !== null);
  const contentRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void (async () => {
      const r = await call('app.status', {});
      if (!r.ok) return setFatal(r.error.message);
      // A reload keeps the user signed in on the screen they were on (store.ts: savedSession).
      const saved = savedSession();
      if (saved && !r.value.setupRequired) {
        setSessionToken(saved.token);
        const me = await call('auth.me', {});
        if (me.ok) useApp.getState().restoreSession(me.value, saved.route);
        else useApp.getState().setSession(null);
      }
      setStatus(r.value);
      setRestoring(false);
    })();
  }, [setStatus]);

  // A screen that does not put the focus where its work starts (screens/useStartFocus) gets it on its
  // heading: the next Tab then moves through the screen, not from the top of the page.
  useEffect(() => {
    const t = setTimeout(() => {
      const main = contentRef.current;
      if (!main || (document.activeElement && document.activeElement !== document.body)) return;
      const heading = main.querySelector<HTMLElement>('h1, h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }, 300);
    return () => clearTimeout(t);
  }, [route]);

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

  // Damage found by the check that runs after start-up on a large file switches the app to recovery mode
  // (backend/backend-host.ts, ADR 0042): the restore screen replaces the one in use.
  useEffect(
    () =>
      subscribeChanges((n) => {
        if (!touches(n, { types: ['storage'] })) return;
        void call('app.status', {}).then((r) => {
          if (r.ok && r.value.storage.mode === 'recovery') setStatus(r.value);
        });
      }),
    [setStatus],
  );

  // The desks a catalogue version added join the menu as data (issue 14).
  const unitDesks = useUnitDeskNav(session?.user.id ?? null);
  const allNav = useMemo(() => [...NAV, ...unitDesks], [unitDesks]);
  const visible = allNav.filter((n) => !n.hidden && (n.roles === 'all' || hasRole(session, ...n.roles)));

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
  if (!status || restoring) return <p className="muted center">Memuat LPSE Counter…</p>;
  if (status.storage.mode === 'recovery') {
    // The database cannot be opened (backend/backend-host.ts): only the restore screen, and only after a
    // system administrator or a head of the unit signs in against the newest readable backup (ADR 0024).
    if (!recovery) {
      return (
        <>
          <RecoverySignIn
            problems={status.storage.problems}
            onSignedIn={(s) => {
              setSessionToken(s.token);
              setRecovery(s);
            }}
          />
          <Toasts />
        </>
      );
    }
    return (
      <div className="recovery">
        <p className="muted" data-testid="recovery-user">
          Masuk untuk pemulihan sebagai {recovery.user.displayName} (akun dari cadangan {fmtDateTime(recovery.checkedAgainst.at)}).
        </p>
        <DataSafetyScreen
          recovery
          onRestored={asyncHandler(async () => {
            // The recovery session ends with recovery mode: the app asks to sign in on the restored file.
            setSessionToken(null);
            setRecovery(null);
            const r = await call('app.status', {});
            if (r.ok) setStatus(r.value);
          })}
        />
        <Toasts />
      </div>
    );
  }
  if (!session) {
    return (
      <>
        {status.setupRequired ? <SetupScreen onAlreadySetUp={setSignInReason} /> : <SignInScreen key={signInReason ?? ''} reason={signInReason} />}
        <Toasts />
      </>
    );
  }

  const current = allNav.find((n) => n.id === route.screen) ?? NAV[0]!;
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
            <span className="muted small brand-office"> · Bagian Layanan Pengadaan Kota Banjarmasin</span>
          </span>
        </div>
        <div className="topbar-right">
          {HEADER_WIDGETS.map((W) => (
            <W.component key={W.id} />
          ))}
          <Clock />
          <span className="user" data-testid="current-user" title={session.user.roles.map((r) => ROLE_LABEL[r]).join(', ')}>
            {session.user.displayName}
            <span className="muted small user-roles"> · {session.user.roles.map((r) => ROLE_LABEL[r]).join(', ')}</span>
          </span>
          <button
            type="button"
            className="secondary small-btn"
            onClick={asyncHandler(async () => {
              await call('auth.signOut', {});
              setSignInReason(null);
              setSession(null);
              // What the app says about itself may have changed since it started (first-run setup done).
              const r = await call('app.status', {});
              if (r.ok) setStatus(r.value);
            })}
          >
            Keluar
          </button>
        </div>
      </header>
      {/* The toasts stand below the menu, in its column: they take room from it instead of covering entries. */}
      <div className="side">
        <nav className="sidebar" aria-label="Menu utama">
          {NAV_GROUPS.map((g) => {
            const entries = visible.filter((n) => (n.group ?? 'layanan') === g.id);
            if (entries.length === 0) return null;
            return (
              <div key={g.id} className="nav-group" role="group" aria-labelledby={`nav-group-${g.id}`}>
                <div id={`nav-group-${g.id}`} className="nav-group-label">
                  {g.label}
                </div>
                {entries.map((n) => (
                  <button key={n.id} type="button" className={`nav-item ${current.id === n.id ? 'active' : ''}`} onClick={() => go(n.id)} aria-current={current.id === n.id ? 'page' : undefined}>
                    <span>{n.label}</span>
                    {n.key && <kbd>Alt+{n.key}</kbd>}
                  </button>
                ))}
              </div>
            );
          })}
        </nav>
        <Toasts />
      </div>
      <main className="content" ref={contentRef}>
        {APP_BANNERS.map((B) => (
          <B.component key={B.id} />
        ))}
        <ScreenBoundary key={route.screen}>
          <Suspense fallback={<p className="muted center">Memuat…</p>}>
            <Screen params={route.params} />
          </Suspense>
        </ScreenBoundary>
      </main>
    </div>
  );
}
