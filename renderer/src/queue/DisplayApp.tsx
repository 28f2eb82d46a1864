/**
 * The waiting room's television (issue 16, ADR 0013): the desktop app's full-screen window on a second
 * display, or a browser tab on the route `#display=<token>`. No staff session and no interaction: the number
 * each desk serves, the last three calls, the numbers waiting, and between calls a rotation of slides. It
 * reads the board again on each change notice (useLive, ADR 0008), so a call shows within the notice's
 * round trip, and after a lost connection the change stream reconnects and reads everything again.
 *
 * The voice: each new call is announced once, by its id, from the clips that ship with the app
 * (renderer/public/voice), one after the other on one audio element. Calls already on the board when the
 * page opens are not announced again (a restart must not repeat the morning). Browsers refuse sound before
 * a gesture on the page: then one click on the banner turns it on, and it stays on.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DisplayBoard, Slide } from '../../../contract/queue';
import { call, LAUNCH_HASH } from '../api';
import { useLive } from '../live';
import './display.css';
import { afterLabel } from '../../../domain/sentence';

const DISPLAY_KEY = 'lpse-display-token';
/** A call fills the screen this long before the slides come back. */
const CALL_SHOWN_MS = 12_000;
type DisplayCall = DisplayBoard['calls'][number];

/** The display token the page was opened with (kept for a reload of the same window). */
export function displayTokenAtLaunch(): string | null {
  if (typeof window === 'undefined') return null;
  const m = /[#&]display=([A-Za-z0-9_-]+)/.exec(LAUNCH_HASH);
  if (m) {
    sessionStorage.setItem(DISPLAY_KEY, m[1]!);
    return m[1]!;
  }
  return sessionStorage.getItem(DISPLAY_KEY);
}

/** Plays announcements one after another; remembers what it played (for the page's own check, `data-played`). */
function useAnnouncer(audio: React.RefObject<HTMLAudioElement | null>, volume: number, enabled: boolean) {
  const queue = useRef<DisplayCall[]>([]);
  const playing = useRef(false);
  const [blocked, setBlocked] = useState(false);
  const [played, setPlayed] = useState<string[]>([]);
  const settings = useRef({ volume, enabled });
  settings.current = { volume, enabled };

  const playClip = useCallback(
    (el: HTMLAudioElement, clip: string) =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          el.removeEventListener('ended', done);
          el.removeEventListener('error', fail);
          resolve();
        };
        const fail = () => {
          el.removeEventListener('ended', done);
          el.removeEventListener('error', fail);
          resolve(); // a damaged clip is skipped: the rest of the sentence still plays
        };
        el.addEventListener('ended', done);
        el.addEventListener('error', fail);
        el.src = `voice/${clip}.ogg`;
        el.volume = Math.max(0, Math.min(1, settings.current.volume / 100));
        el.play().then(
          () => setPlayed((p) => [...p.slice(-200), clip]),
          (err: unknown) => {
            el.removeEventListener('ended', done);
            el.removeEventListener('error', fail);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }),
    [],
  );

  const pump = useCallback(async () => {
    const el = audio.current;
    if (playing.current || !el) return;
    playing.current = true;
    try {
      while (queue.current.length > 0) {
        const next = queue.current[0]!;
        if (!settings.current.enabled) {
          queue.current.shift();
          continue;
        }
        try {
          for (const clip of next.clips) await playClip(el, clip);
          queue.current.shift();
        } catch (err) {
          // Autoplay refused: keep the call queued and ask for the one click that allows sound.
          if (err instanceof DOMException && err.name === 'NotAllowedError') {
            setBlocked(true);
            return;
          }
          queue.current.shift();
        }
      }
    } finally {
      playing.current = false;
    }
  }, [audio, playClip]);

  const announce = useCallback(
    (calls: DisplayCall[]) => {
      queue.current.push(...calls);
      void pump();
    },
    [pump],
  );
  const unblock = useCallback(() => {
    setBlocked(false);
    void pump();
  }, [pump]);
  return { announce, blocked, unblock, played };
}

export function DisplayApp({ displayToken }: { displayToken: string }) {
  const live = useLive(() => call('queue.display', { displayToken }), [displayToken], { types: ['queue_ticket', 'visit', 'settings', 'catalogue', 'calendar', 'survey_response'], clock: true });
  const board = live.data;
  const audio = useRef<HTMLAudioElement>(null);
  const { announce, blocked, unblock, played } = useAnnouncer(audio, board?.voice.volume ?? 80, board?.voice.enabled ?? true);
  const announced = useRef<Set<string> | null>(null);
  const [highlight, setHighlight] = useState<{ call: DisplayCall; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [slide, setSlide] = useState(0);
  const offset = useRef(0);

  // New calls: announced once each, oldest first; the first read only learns what was already called.
  useEffect(() => {
    if (!board) return;
    offset.current = board.now - Date.now();
    if (announced.current === null) {
      announced.current = new Set(board.calls.map((c) => c.id));
      return;
    }
    const fresh = board.calls.filter((c) => !announced.current!.has(c.id)).reverse();
    if (fresh.length === 0) return;
    for (const c of fresh) announced.current.add(c.id);
    announce(fresh);
    setHighlight({ call: fresh[fresh.length - 1]!, until: Date.now() + CALL_SHOWN_MS });
  }, [board, announce]);

  // The clock on the wall and the slides turn on the screen itself; no read of the backend.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const slideMs = (board?.slideSeconds ?? 12) * 1000;
  const slides = board?.slides ?? [];
  useEffect(() => {
    const t = setInterval(() => setSlide((s) => s + 1), slideMs);
    return () => clearInterval(t);
  }, [slideMs]);

  if (live.error && !board) {
    return (
      <main className="tv tv-error" data-testid="tv">
        <p>{live.error.message}</p>
      </main>
    );
  }
  if (!board) return <main className="tv" data-testid="tv" />;

  const calling = highlight && highlight.until > now ? highlight.call : null;
  const officeNow = new Date(now + offset.current);
  const time = officeNow.toLocaleTimeString('id-ID', { timeZone: 'Asia/Makassar', hour: '2-digit', minute: '2-digit' });
  const date = officeNow.toLocaleDateString('id-ID', { timeZone: 'Asia/Makassar', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const recent = board.calls.slice(0, 3);
  const current = slides.length ? slides[slide % slides.length]! : null;

  return (
    <main className="tv" data-testid="tv" data-played={played.join(' ')} onClick={blocked ? unblock : undefined}>
      <audio ref={audio} preload="auto" data-testid="tv-audio" />
      <header className="tv-head">
        <div className="tv-office">{board.officeName}</div>
        <div className="tv-clock">
          <span className="tv-time">{time} WITA</span>
          <span className="tv-date">{date}</span>
        </div>
      </header>
      {blocked && (
        <button type="button" className="tv-sound" onClick={unblock} data-testid="tv-sound">
          Klik sekali di layar ini untuk mengaktifkan suara panggilan
        </button>
      )}
      {!board.enabled && <p className="tv-note">Nomor antrean tidak digunakan hari ini.</p>}
      <section className="tv-desks" aria-label="Sedang dilayani">
        {board.desks.length === 0 && <div className="tv-empty">Belum ada panggilan hari ini.</div>}
        {board.desks.map((d) => (
          <div key={d.key} className={`tv-desk ${calling && `${calling.desk.role}:${calling.desk.number}` === d.key ? 'tv-flash' : ''}`} data-testid={`tv-desk-${d.key}`}>
            <div className="tv-desk-name">{d.label}</div>
            <div className="tv-desk-no">{d.ticket ?? '—'}</div>
            <div className="tv-desk-phase">{d.phase === 'serving' ? 'Sedang dilayani' : d.phase === 'called' ? 'Dipanggil' : 'Menunggu panggilan'}</div>
          </div>
        ))}
      </section>
      <div className="tv-body">
        <section className="tv-main">
          {calling ? (
            <div className="tv-call" data-testid="tv-call" role="status">
              <div className="tv-call-label">{calling.again ? 'Panggilan ulang' : 'Panggilan'}</div>
              <div className="tv-call-no">{calling.label}</div>
              <div className="tv-call-desk">silakan ke {calling.deskLabel}</div>
            </div>
          ) : current ? (
            <SlideView slide={current} />
          ) : null}
        </section>
        <aside className="tv-side">
          <h2>Panggilan terakhir</h2>
          <ol className="tv-recent" data-testid="tv-recent">
            {recent.map((c) => (
              <li key={c.id}>
                <b>{c.label}</b> <span>{c.deskLabel}</span>
              </li>
            ))}
            {recent.length === 0 && <li className="tv-muted">—</li>}
          </ol>
          <h2>Menunggu</h2>
          {board.waiting
            .filter((w) => w.tickets.length > 0)
            .map((w) => (
              <div key={w.role} className="tv-waiting" data-testid={`tv-waiting-${w.role}`}>
                <div className="tv-waiting-role">
                  {w.label} ({w.tickets.length})
                </div>
                <div className="tv-waiting-list">{w.tickets.slice(0, 12).join('  ')}</div>
              </div>
            ))}
          {board.waiting.every((w) => w.tickets.length === 0) && <p className="tv-muted">Tidak ada antrean.</p>}
        </aside>
      </div>
    </main>
  );
}

function SlideView({ slide }: { slide: Slide }) {
  switch (slide.kind) {
    case 'maklumat':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="maklumat">
          <h1>{slide.title}</h1>
          {slide.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {slide.signer && <p className="tv-signer">{slide.signer}</p>}
        </div>
      );
    case 'standard':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="standard">
          <h1>{slide.title}</h1>
          <table className="tv-table">
            <tbody>
              {slide.services.map((s) => (
                <tr key={s.number}>
                  <td>{s.number}.</td>
                  <td>{s.name}</td>
                  <td>{s.timeLimit}</td>
                  <td>{s.fee}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="tv-source">{slide.source}</p>
        </div>
      );
    case 'service':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="service">
          <h1>
            Layanan {slide.number}: {slide.name}
          </h1>
          <p className="tv-key">
            Jangka waktu: <b>{afterLabel('Jangka waktu', slide.timeLimit)}</b> · Biaya: <b>{slide.fee}</b>
          </p>
          <h2>Persyaratan</h2>
          <ol className="tv-reqs">
            {slide.requirements.map((r, i) => (
              <li key={i}>
                {r.label}
                {r.note ? <span className="tv-muted"> ({r.note})</span> : null}
              </li>
            ))}
          </ol>
        </div>
      );
    case 'ikm':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="ikm">
          <h1>Indeks Kepuasan Masyarakat</h1>
          {slide.ikm === null ? (
            <p className="tv-key">Belum ada hasil survei untuk {slide.period.toLowerCase()}.</p>
          ) : (
            <>
              <div className="tv-ikm">{slide.ikm.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</div>
              <p className="tv-key">
                Mutu pelayanan <b>{slide.grade}</b> ({slide.gradeLabel}) · {slide.period} · {slide.respondents} responden
              </p>
            </>
          )}
          <p>Sampaikan penilaian Anda melalui kios survei setelah dilayani.</p>
        </div>
      );
    case 'complaints':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="complaints">
          <h1>Saluran Pengaduan</h1>
          <ul className="tv-reqs">
            {slide.channels.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
          <p className="tv-key">
            Pengaduan disampaikan paling lambat {slide.lodgeWithinDays} hari kerja dan ditanggapi dalam {slide.responseDays} hari kerja.
          </p>
        </div>
      );
    case 'hours':
      return (
        <div className="tv-slide" data-testid="tv-slide" data-kind="hours">
          <h1>{slide.date}</h1>
          <p className="tv-key">
            Jam layanan hari ini: <b>{slide.today}</b> {slide.open ? '· loket buka' : '· loket tutup'}
          </p>
          <p>{slide.week}</p>
        </div>
      );
  }
}
