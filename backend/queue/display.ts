/**
 * The television of the waiting room (issue 16, ADR 0013): its token, its long-poll, and its board.
 *
 * - **Token.** 32 random bytes kept in this PC's `meta` table (never synced, never in a URL a server sees:
 *   the TV's page carries it in the fragment). It is not a session: only `queue.display` accepts it, so a
 *   television can read the board and nothing else. Kept across restarts, so a TV left open recovers by
 *   itself when the app comes back; the supervisor can replace it (`queue.displayReset`).
 * - **Live.** The TV page reads the board again when the change feed (backend/changes.ts, ADR 0008)
 *   announces a change it shows: a call, a visit moving on, settings, the catalogue, the calendar, a new
 *   day. No timer reads the database. The slides are kept here until one of those changes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChangeNotice } from '../../contract/changes';
import type { DisplayBoard, Slide } from '../../contract/queue';
import { AppError } from '../../contract/result';
import { activeCatalogueVersion, getMeta, setMeta } from '../../db/queries';
import { deskKey, deskLabel, DESK_ROLE_LABEL } from '../../domain/queue/board';
import { DESK_ROLES } from '../../domain/queue/spoken';
import { hoursOn, weekHoursOn } from '../../domain/time/calendar';
import { addDaysIso, formatWita, NAMA_BULAN, witaIsoDate } from '../../domain/time/wita';
import { describeCounterHours } from '../../print/hours';
import type { AppContext } from '../context';
import { loadCatalogue } from '../views/catalogue';
import { loadOfficeSettings } from '../views/office';
import { loadWorkCalendar } from '../views/service-clock';
import { ikmFigures } from '../survey/report';
import { GRADE_LABEL } from '../../domain/survey/ikm';
import { dayBoard, loadQueueSettings } from './tickets';
import { loadAggregateState } from '../../db/event-store';
import { maklumatInForce } from '../../domain/aggregates/standard';
import { MAKLUMAT_ID } from '../../domain/events/standard-events';
import { maklumatParagraphs } from '../../domain/maklumat/text';
import { callsOf, desksOf } from './views';

const TOKEN_KEY = 'queue_display_token';
const OPEN_KEY = 'queue_display_open';
/** Types of change the television shows. */
const SHOWN_TYPES = new Set(['queue_ticket', 'visit', 'settings', 'catalogue', 'calendar', 'survey_response', 'clock', '*']);

/** Opens and closes the television's own window where the transport can (Electron; electron/display-window.ts). */
export interface DisplayWindowOpener {
  open(displayToken: string): void;
  close(): void;
}

interface DisplayState {
  unsubscribe: (() => void) | null;
  slides: { key: string; slides: Slide[] } | null;
  opener: DisplayWindowOpener | null;
}

const states = new WeakMap<AppContext, DisplayState>();
function stateOf(app: AppContext): DisplayState {
  let s = states.get(app);
  if (!s) {
    s = { unsubscribe: null, slides: null, opener: null };
    states.set(app, s);
  }
  if (!s.unsubscribe) {
    const st = s;
    st.unsubscribe = app.changes.subscribe((n: ChangeNotice) => {
      if (!n.types.some((t) => SHOWN_TYPES.has(t))) return;
      if (n.types.some((t) => t !== 'queue_ticket' && t !== 'visit')) st.slides = null; // settings, catalogue, calendar, survey, day
    });
  }
  return s;
}

export function setDisplayWindows(app: AppContext, opener: DisplayWindowOpener): void {
  stateOf(app).opener = opener;
}

export async function displayToken(app: AppContext): Promise<string> {
  const existing = await getMeta(app.db, TOKEN_KEY);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await setMeta(app.db, TOKEN_KEY, token);
  return token;
}

export async function resetDisplayToken(app: AppContext): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await setMeta(app.db, TOKEN_KEY, token);
  // A TV with the old token is refused at its next read (it then says how to open the screen again).
  app.changes.announce(new Map([['queue_display', 'settings']]), 'system');
  return token;
}

export async function checkDisplayToken(app: AppContext, given: string): Promise<void> {
  const token = await getMeta(app.db, TOKEN_KEY);
  const a = Buffer.from(given);
  if (!token || a.length !== Buffer.byteLength(token) || !timingSafeEqual(a, Buffer.from(token))) {
    throw new AppError('unauthenticated', 'Tautan layar televisi ini tidak berlaku lagi. Buka layar televisi dari aplikasi LPSE Counter.');
  }
}

/** Opens the TV: its own window in the desktop app (remembered, so it opens again at the next start). */
export async function openDisplay(app: AppContext): Promise<{ displayToken: string; windowOpened: boolean }> {
  const token = await displayToken(app);
  const opener = stateOf(app).opener;
  if (opener) {
    opener.open(token);
    await setMeta(app.db, OPEN_KEY, '1');
  }
  return { displayToken: token, windowOpened: !!opener };
}

export async function closeDisplay(app: AppContext): Promise<boolean> {
  const opener = stateOf(app).opener;
  await setMeta(app.db, OPEN_KEY, '0');
  if (!opener) return false;
  opener.close();
  return true;
}

/** Whether the TV window was open when the app last stopped (the desktop app opens it again at start). */
export async function displayWasOpen(app: AppContext): Promise<boolean> {
  return (await getMeta(app.db, OPEN_KEY)) === '1';
}

export async function displayBoard(app: AppContext, input: { displayToken: string }): Promise<DisplayBoard> {
  await checkDisplayToken(app, input.displayToken);
  stateOf(app); // subscribes, so the slides are dropped when what they show changes
  const now = app.now();
  const day = witaIsoDate(now);
  const [board, settings, office] = await Promise.all([dayBoard(app.db, day), loadQueueSettings(app.db), loadOfficeSettings(app)]);
  return {
    now,
    day,
    officeName: office.officeName,
    enabled: settings.queue_enabled,
    voice: settings.queue_voice,
    slideSeconds: settings.queue_slide_seconds,
    desks: desksOf(board).map((d) => ({ key: deskKey(d.desk), label: deskLabel(d.desk), ticket: d.current?.ticket.label ?? null, phase: d.current ? (d.current.phase === 'serving' ? 'serving' : 'called') : null })),
    calls: callsOf(board)
      .slice(0, 20)
      .map(({ ticketId: _t, ...c }) => c),
    waiting: DESK_ROLES.map((role) => ({ role, label: DESK_ROLE_LABEL[role], tickets: board.order(role).map((v) => v.ticket.label) })),
    slides: await slidesOf(app, now),
  };
}

/**
 * The slides between calls: the maklumat (issue 14 supplies its text through `maklumatSlide`; until then the
 * service standard's summary holds its place), each service's requirements and time limit, the latest IKM
 * and grade, the complaint channels, today's date and the counter hours. Kept until something they show
 * changes (or the hour turns, for the date and the opening state).
 */
async function slidesOf(app: AppContext, now: number): Promise<Slide[]> {
  const s = stateOf(app);
  const key = `${witaIsoDate(now)}-${Math.floor(now / 3_600_000)}`;
  if (s.slides?.key === key) return s.slides.slides;
  const [catalogue, calendar, office] = await Promise.all([loadCatalogue(app, await activeCatalogueVersion(app.db, witaIsoDate(app.now()))), loadWorkCalendar(app), loadOfficeSettings(app)]);
  const services = catalogue.services.filter((x) => x.active).sort((a, b) => a.number - b.number);
  const day = witaIsoDate(now);
  const slides: Slide[] = [];
  const maklumat = await maklumatSlide(app);
  slides.push(
    maklumat ?? {
      kind: 'standard',
      title: 'Standar Pelayanan',
      source: catalogue.source,
      services: services.map((x) => ({ number: x.number, name: x.name, timeLimit: x.timeLimit.text, fee: x.fee })),
    },
  );
  for (const x of services) {
    slides.push({
      kind: 'service',
      number: x.number,
      name: x.name,
      timeLimit: x.timeLimit.text,
      timeNotes: x.timeLimit.notes,
      fee: x.fee,
      requirements: x.requirements.map((r) => ({ label: r.label, note: r.proxyOnly ? 'bila dikuasakan' : r.mustBeValid ? 'masih berlaku' : null })),
    });
  }
  slides.push(await ikmSlide(app, day));
  const complaint = services[0]?.complaintHandling;
  if (complaint) {
    slides.push({
      kind: 'complaints',
      channels: [complaint.channel, ...(office.officeContact ? [`Kontak: ${office.officeContact}`] : [])],
      responseDays: complaint.responseWorkingDays,
      lodgeWithinDays: complaint.lodgeWithinDays,
    });
  }
  const today = hoursOn(calendar, day);
  const hhmm = formatWita(now, 'time').slice(0, 5); // "13:05"
  const open = today !== null && hhmm >= today.open && hhmm < today.close;
  slides.push({
    kind: 'hours',
    date: formatWita(now, 'date'),
    today: today ? `${today.open.replace(':', '.')}–${today.close.replace(':', '.')} WITA` : 'Hari ini loket tutup',
    week: describeCounterHours(weekHoursOn(calendar, day)),
    open,
  });
  s.slides = { key, slides };
  return slides;
}

/**
 * The maklumat pelayanan for the television (issue 14, Perwali Pasal 7: published widely): the version the
 * Kepala Bagian signed that is in force today, with its signer. Null while none is, and the standard's
 * summary takes the slot.
 */
export async function maklumatSlide(app: AppContext): Promise<Slide | null> {
  const [state, office] = await Promise.all([loadAggregateState<'maklumat'>(app.db, MAKLUMAT_ID), loadOfficeSettings(app)]);
  const v = maklumatInForce(state, witaIsoDate(app.now()));
  if (!v?.approval) return null;
  return { kind: 'maklumat', title: v.title, paragraphs: maklumatParagraphs(v), signer: `${office.headTitle}, ${v.approval.signerName}` };
}

/** The latest IKM: last month's when it has responses, else this year's so far. */
async function ikmSlide(app: AppContext, day: string): Promise<Slide> {
  const firstOfMonth = `${day.slice(0, 8)}01`;
  const lastMonthEnd = addDaysIso(firstOfMonth, -1);
  const lastMonthStart = `${lastMonthEnd.slice(0, 8)}01`;
  const candidates = [
    { from: lastMonthStart, to: lastMonthEnd, label: `Bulan ${NAMA_BULAN[Number(lastMonthStart.slice(5, 7)) - 1] ?? ''} ${lastMonthStart.slice(0, 4)}` },
    { from: `${day.slice(0, 4)}-01-01`, to: day, label: `Tahun ${day.slice(0, 4)} (s.d. hari ini)` },
  ];
  for (const c of candidates) {
    const f = await ikmFigures(app, { from: c.from, to: c.to, serviceCode: null, period: null });
    if (f.respondents > 0 && f.ikmConverted !== null) {
      return { kind: 'ikm', period: c.label, ikm: f.ikmConverted, grade: f.grade, gradeLabel: f.grade ? GRADE_LABEL[f.grade] : null, respondents: f.respondents };
    }
  }
  return { kind: 'ikm', period: candidates[1]!.label, ikm: null, grade: null, gradeLabel: null, respondents: 0 };
}
