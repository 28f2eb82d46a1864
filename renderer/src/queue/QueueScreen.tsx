/**
 * The desk's queue screen (issue 16): which desk this is, the visitor it has called or serves, and the
 * buttons of the desk — Panggil berikutnya (N), Panggil ulang (U), Tidak hadir (T), Layani (L), Selesai (S) —
 * each also a single key while the focus is not in a field; then every desk's queue and the day's numbers.
 * Live: a call at another desk or a new number at the guest book shows at once (useLive, ADR 0008). The
 * television is opened from here, and the supervisor sets the office's queue options.
 */
import { holdsRole } from '../../../domain/roles';
import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../contract/api';
import type { QueueTicketRow } from '../../../contract/queue';
import type { Role } from '../../../domain/events/schema';
import { call } from '../api';
import { useAction, useInOrder, useLive } from '../live';
import { asyncHandler } from '../ui/async-handler';
import { hasRole, useApp } from '../store';
import { fmtTime } from '../ui/format';
import { openDisplayWindow } from './display-control';
import './queue.css';

type DeskRole = 'helpdesk' | 'verifier' | 'sysadmin';
type DeskAction = 'next' | 'again' | 'absent' | 'serve' | 'finish';
const ROLE_LABEL: Record<DeskRole, string> = { helpdesk: 'Loket Helpdesk', verifier: 'Loket Verifikator', sysadmin: 'Loket Admin Sistem' };
const DESK_KEY = 'lpse-queue-desk';

function savedDesk(roles: readonly Role[]): { role: DeskRole; number: number } {
  const own = (['helpdesk', 'verifier', 'sysadmin'] as const).filter((r) => roles.includes(r) || holdsRole(roles, 'supervisor'));
  try {
    const v = JSON.parse(localStorage.getItem(DESK_KEY) ?? 'null') as { role?: DeskRole; number?: number } | null;
    if (v?.role && own.includes(v.role) && typeof v.number === 'number') return { role: v.role, number: v.number };
  } catch {
    // a damaged saved choice: the default below
  }
  return { role: own[0] ?? 'helpdesk', number: 1 };
}

const minutes = (ms: number) => `${Math.max(0, Math.round(ms / 60_000))} menit`;

export function QueueScreen() {
  const session = useApp((s) => s.session);
  const toast = useApp((s) => s.toast);
  const roles = session?.user.roles ?? [];
  const supervisor = hasRole(session, 'supervisor');
  const [desk, setDesk] = useState(() => savedDesk(roles));
  const live = useLive(() => call('queue.board', {}), [], { types: ['queue_ticket', 'visit', 'settings'], clock: true });
  const board = live.data;
  const nextBtn = useRef<HTMLButtonElement>(null);
  const rejoins = useInOrder();
  const [rejoining, setRejoining] = useState<string[]>([]);

  useEffect(() => {
    localStorage.setItem(DESK_KEY, JSON.stringify(desk));
  }, [desk]);
  useEffect(() => {
    nextBtn.current?.focus();
  }, []);

  const mine = board?.desks.find((d) => d.desk.role === desk.role && d.desk.number === desk.number)?.current ?? null;
  const waiting = board ? board.queues[desk.role] : [];

  // Desk actions run one after another in the order they were asked for: an officer who presses N and at
  // once L serves the number just called, even before the board has been read again (a dropped key here
  // once left the television on "Dipanggil"). Each action takes the desk's ticket when it runs, from the
  // answer of the action before it; while nothing is queued and the board has been read, the board is the truth.
  const desks = useInOrder();
  const current = useRef<string | null>(null);
  // (A reload superseded by a newer one ends before the board is in: until then the last answer holds.)
  if (desks.pending() === 0 && !live.loading) current.current = mine?.ticketId ?? null;

  async function step(kind: DeskAction) {
    const t = current.current;
    if (kind !== 'next' && !t) return toast('error', 'Belum ada nomor yang dipanggil di loket ini.');
    const r =
      kind === 'next'
        ? await call('queue.callNext', { desk })
        : kind === 'again'
          ? await call('queue.callAgain', { desk, ticketId: t! })
          : kind === 'absent'
            ? await call('queue.notPresent', { desk, ticketId: t! })
            : kind === 'serve'
              ? await call('queue.serve', { desk, ticketId: t! })
              : await call('queue.finish', { desk, ticketId: t! });
    if (!r.ok) return toast('error', r.error.message);
    current.current = kind === 'absent' || kind === 'finish' ? null : r.value.ticket.ticketId;
    toast('success', r.value.message);
    await live.reload();
  }
  function act(kind: DeskAction): Promise<void> {
    return desks.run(() => step(kind)).catch(() => toast('error', 'Tindakan loket gagal dijalankan. Silakan coba lagi.'));
  }
  /** A button that looks disabled does nothing; a key is queued behind the action still running. */
  const click = (kind: DeskAction) => () => {
    if (!desks.busy) void act(kind);
  };
  const actRef = useRef(act);
  actRef.current = act;

  // Single keys while the focus is not in a field (a person at the desk, one hand on the keyboard).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      const map: Record<string, DeskAction> = { n: 'next', u: 'again', t: 'absent', l: 'serve', s: 'finish' };
      const kind = map[e.key.toLowerCase()];
      if (!kind) return;
      e.preventDefault();
      void actRef.current(kind);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function openTv() {
    const m = await openDisplayWindow();
    if (m) toast('error', m);
    else toast('success', 'Layar televisi ruang tunggu dibuka.');
  }

  const deskRoles = (['helpdesk', 'verifier', 'sysadmin'] as const).filter((r) => roles.includes(r) || holdsRole(roles, 'supervisor'));

  return (
    <div className="screen queue-screen" data-testid="queue-screen">
      <div className="screen-head">
        <h1>Antrean Ruang Tunggu</h1>
        <div className="row-actions">
          <button type="button" className="secondary" onClick={() => void openTv()} data-testid="queue-open-tv">
            Buka layar TV
          </button>
        </div>
      </div>
      {board && !board.enabled && <p className="banner banner-warn">Nomor antrean dimatikan di pengaturan kantor; buku tamu tidak memberi nomor.</p>}
      {board && board.duplicates.length > 0 && (
        <p className="banner banner-warn">Nomor ganda hari ini: {board.duplicates.join(', ')}. Periksa daftar PC pemberi nomor di pengaturan antrean.</p>
      )}
      <section className="card queue-desk">
        <div className="queue-desk-pick">
          <label>
            Loket
            <select value={desk.role} onChange={(e) => setDesk({ ...desk, role: e.target.value as DeskRole })} data-testid="queue-desk-role">
              {deskRoles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Nomor loket
            <select value={desk.number} onChange={(e) => setDesk({ ...desk, number: Number(e.target.value) })} data-testid="queue-desk-number">
              {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
                <option key={n} value={n}>
                  {n === 0 ? 'tanpa nomor' : n}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">{waiting.length} nomor menunggu loket ini</span>
        </div>
        <div className="queue-current" data-testid="queue-current">
          {mine ? (
            <>
              <div className="queue-no">{mine.label}</div>
              <div>
                <div className="queue-who">{mine.visitorName ?? '—'}</div>
                <div className="muted">
                  {mine.serviceName ?? ''}
                  {mine.companyName ? ` · ${mine.companyName}` : ''}
                </div>
                <div className="small">
                  {mine.phaseLabel} sejak {fmtTime(mine.since)} · diambil {fmtTime(mine.issuedAt)}
                  {mine.calls > 1 ? ` · dipanggil ${mine.calls} kali` : ''}
                </div>
              </div>
            </>
          ) : (
            <p className="muted">Belum ada nomor dipanggil di loket ini. Tekan “Panggil berikutnya”.</p>
          )}
        </div>
        <div className="queue-buttons">
          <button ref={nextBtn} type="button" onClick={click('next')} aria-disabled={desks.busy} data-testid="queue-next">
            Panggil berikutnya <kbd>N</kbd>
          </button>
          <button type="button" className="secondary" onClick={click('again')} aria-disabled={desks.busy || !mine} data-testid="queue-again">
            Panggil ulang <kbd>U</kbd>
          </button>
          <button type="button" className="secondary" onClick={click('absent')} aria-disabled={desks.busy || !mine} data-testid="queue-absent">
            Tidak hadir <kbd>T</kbd>
          </button>
          <button type="button" className="secondary" onClick={click('serve')} aria-disabled={desks.busy || !mine || mine.phase === 'serving'} data-testid="queue-serve">
            Layani <kbd>L</kbd>
          </button>
          <button type="button" className="secondary" onClick={click('finish')} aria-disabled={desks.busy || !mine} data-testid="queue-finish">
            Selesai <kbd>S</kbd>
          </button>
        </div>
      </section>

      {board && (
        <>
          <div className="queue-counts small" data-testid="queue-counts">
            Hari ini: {board.counts.issued} nomor diambil · {board.counts.waiting} menunggu · {board.counts.served} dilayani · {board.counts.noShows} tidak hadir
            {board.station ? ` · PC ini memberi nomor (loket ${board.station.station} dari ${board.station.stations})` : ' · PC ini tidak memberi nomor'}
          </div>
          <div className="queue-columns">
            {(['helpdesk', 'verifier', 'sysadmin'] as const).map((r) => (
              <section key={r} className="card" data-testid={`queue-list-${r}`}>
                <h2>
                  Menunggu {ROLE_LABEL[r]} ({board.queues[r].length})
                </h2>
                <TicketList rows={board.queues[r]} empty="Tidak ada yang menunggu." />
              </section>
            ))}
          </div>
          <section className="card">
            <h2>Dipanggil dan dilayani hari ini</h2>
            <TicketList rows={board.others.slice(0, 30)} empty="Belum ada." showDesk onRejoin={hasRole(session, 'helpdesk', 'supervisor') ? asyncHandler(rejoin) : undefined} busyIds={rejoining} />
          </section>
          {supervisor && <QueueSettingsCard />}
        </>
      )}
    </div>
  );

  // "Kembalikan ke antrean" on one number and at once on another: both go back, in the order pressed (one
  // action at a time for the screen dropped the second without a word). A second press on the same number
  // while its first is under way does nothing: that button shows it is busy.
  function rejoin(t: QueueTicketRow): Promise<void> {
    if (rejoining.includes(t.ticketId)) return Promise.resolve();
    setRejoining((ids) => [...ids, t.ticketId]);
    return rejoins.run(async () => {
      try {
        const r = await call('queue.rejoin', { ticketId: t.ticketId });
        if (!r.ok) return toast('error', r.error.message);
        toast('success', r.value.message);
        await live.reload();
      } finally {
        setRejoining((ids) => ids.filter((id) => id !== t.ticketId));
      }
    });
  }
}

function TicketList(props: { rows: QueueTicketRow[]; empty: string; showDesk?: boolean; onRejoin?: ((t: QueueTicketRow) => void) | undefined; busyIds?: readonly string[] }) {
  if (props.rows.length === 0) return <p className="muted small">{props.empty}</p>;
  return (
    <table className="queue-table">
      <tbody>
        {props.rows.map((t) => (
          <tr key={t.ticketId} data-testid={`queue-row-${t.label}`}>
            <td className="queue-label">{t.label}</td>
            <td>
              {t.visitorName ?? '—'}
              <div className="muted small">{t.serviceName ?? ''}</div>
            </td>
            <td className="small">
              {t.phaseLabel}
              {props.showDesk && t.deskLabel ? ` · ${t.deskLabel}` : ''}
              <div className="muted">
                diambil {fmtTime(t.issuedAt)}
                {t.waitMs !== null ? ` · menunggu ${minutes(t.waitMs)}` : ''}
              </div>
            </td>
            {props.onRejoin && (
              <td>
                {(t.phase === 'away' || t.phase === 'deferred') && (
                  <button type="button" className="secondary small-btn" aria-disabled={props.busyIds?.includes(t.ticketId) ?? false} onClick={() => props.onRejoin!(t)} data-testid={`queue-rejoin-${t.label}`}>
                    Kembalikan ke antrean
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Settings = OutputOf<'queue.settings'>;

function QueueSettingsCard() {
  const toast = useApp((s) => s.toast);
  const live = useLive(() => call('queue.settings', {}), [], { types: ['settings'] });
  const [draft, setDraft] = useState<Settings | null>(null);
  const s = draft ?? live.data;
  const { busy, run } = useAction();
  if (!s) return null;
  const set = (patch: Partial<Settings>) => setDraft({ ...s, ...patch });

  async function save() {
    if (!s) return;
    await run(async () => {
      const r = await call('queue.setSettings', {
        enabled: s.enabled,
        requeueAfter: s.requeueAfter,
        voice: s.voice,
        slip: s.slip,
        slideSeconds: s.slideSeconds,
      });
      if (!r.ok) return toast('error', r.error.issues?.[0]?.message ?? r.error.message);
      setDraft(null);
      toast('success', 'Pengaturan antrean disimpan.');
      await live.reload();
    });
  }

  return (
    <section className="card queue-settings" data-testid="queue-settings">
      <h2>Pengaturan antrean</h2>
      <div className="queue-settings-grid">
        <label className="check">
          <input type="checkbox" checked={s.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Buku tamu memberi nomor antrean
        </label>
        <label>
          “Tidak hadir” dipanggil lagi setelah
          <input type="number" min={1} max={20} value={s.requeueAfter} onChange={(e) => set({ requeueAfter: Number(e.target.value) })} /> antrean lain
        </label>
        <label className="check">
          <input type="checkbox" checked={s.voice.enabled} onChange={(e) => set({ voice: { ...s.voice, enabled: e.target.checked } })} /> Suara panggilan di layar TV
        </label>
        <label>
          Volume suara (0–100)
          <input type="number" min={0} max={100} value={s.voice.volume} onChange={(e) => set({ voice: { ...s.voice, volume: Number(e.target.value) } })} />
        </label>
        <label>
          Slip nomor antrean
          <select value={s.slip} onChange={(e) => set({ slip: e.target.value as Settings['slip'] })}>
            <option value="off">Tidak dicetak</option>
            <option value="ask">Ditawarkan setelah pendaftaran</option>
            <option value="auto">Dicetak otomatis</option>
          </select>
        </label>
        <label>
          Lama tiap tayangan TV (detik)
          <input type="number" min={5} max={120} value={s.slideSeconds} onChange={(e) => set({ slideSeconds: Number(e.target.value) })} />
        </label>
      </div>
      <button type="button" onClick={() => void save()} aria-disabled={busy || !draft}>
        Simpan pengaturan antrean
      </button>
    </section>
  );
}
