/**
 * The screens of the desks, the dashboard, staff accounts and the calendar, with the roles that see them
 * (the backend enforces the same), plus the panels and header widgets they add to the lead's screens.
 */
import type { NavEntry } from '../nav';
import { CalendarScreen } from '../calendar/CalendarScreen';
import { VISIT_PANELS } from '../checklist/extensions';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { APP_BANNERS, HEADER_WIDGETS } from '../header';
import { CalendarNoticeBanner } from '../calendar/CalendarNotice';
import { AccountScreen } from '../staff/AccountScreen';
import { LockGuard } from '../staff/LockGuard';
import { StaffScreen } from '../staff/StaffScreen';
import { DeskFileScreen } from './DeskFileScreen';
import { SysadminDeskScreen, unitDeskScreen, VerifierDeskScreen } from './DeskScreen';
import { deskScreenOf, useDeskUnits } from './units';
import { VisitDeskPanel } from './VisitDeskPanel';

export const DESK_NAV: NavEntry[] = [
  { id: 'desk-verifier', label: 'Meja Verifikator', key: '3', roles: ['verifier', 'supervisor'], component: VerifierDeskScreen },
  { id: 'desk-sysadmin', label: 'Kasus Admin Sistem', key: '4', roles: ['sysadmin', 'supervisor'], component: SysadminDeskScreen },
  { id: 'dashboard', label: 'Dasbor Supervisor', key: '5', group: 'pengawasan', roles: ['supervisor'], component: DashboardScreen },
  { id: 'staff', label: 'Akun Petugas', key: '6', group: 'pengaturan', roles: ['supervisor'], component: StaffScreen },
  { id: 'calendar', label: 'Kalender Kerja', key: '7', group: 'pengaturan', roles: ['supervisor'], component: CalendarScreen },
  { id: 'account', label: 'Akun Saya', key: '8', group: 'pengaturan', roles: 'all', component: AccountScreen },
  { id: 'desk-file', label: 'Berkas di Meja Petugas', roles: ['verifier', 'sysadmin', 'supervisor'], component: DeskFileScreen, hidden: true },
];

/**
 * Menu entries of the desks a catalogue version added (issue 14: handling units are data), for the staff who
 * serve them (the backend's `canServe`, which also enforces it). The seeded desks keep their entries above.
 */
export function useUnitDeskNav(userId: string | null): NavEntry[] {
  const units = useDeskUnits(userId);
  return (units ?? [])
    .filter((u) => !u.seeded && u.canServe)
    .map((u) => ({ id: deskScreenOf(u.code).screen, label: u.title, roles: ['verifier', 'sysadmin', 'supervisor'], component: unitDeskScreen(u.code) }));
}

if (!VISIT_PANELS.some((p) => p.id === 'desk-clock')) VISIT_PANELS.unshift({ id: 'desk-clock', component: VisitDeskPanel });
if (!HEADER_WIDGETS.some((w) => w.id === 'screen-lock')) HEADER_WIDGETS.push({ id: 'screen-lock', component: LockGuard });
if (!APP_BANNERS.some((b) => b.id === 'calendar-notice')) APP_BANNERS.push({ id: 'calendar-notice', component: CalendarNoticeBanner });
