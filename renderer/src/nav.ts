/**
 * The screens reachable from the side navigation. Each feature registers its entry here; the list is the
 * only place that knows which role sees which screen (the backend enforces the same roles).
 */
import type { ComponentType } from 'react';
import type { Role } from '../../domain/events/schema';
import { ChecklistScreen } from './checklist/ChecklistScreen';
import { GuestBookScreen } from './guestbook/GuestBookScreen';
import { ReturnedScreen } from './guestbook/ReturnedScreen';
import { DESK_NAV } from './desks/nav-entries';
import { REPORT_NAV } from './report/nav-entries';
import { SYNC_NAV } from './sync/nav-entries';
import { COMPLAINT_NAV } from './complaints/nav-entries';
import { SecurityAlertsScreen } from './security/SecurityAlertsScreen';
import { SURVEY_NAV } from './survey/nav-entries';
import { QUEUE_NAV } from './queue/nav-entries';
import { DATA_SAFETY_NAV } from './datasafety/nav-entries';
import { PrivacyScreen } from './privacy/PrivacyScreen';

/**
 * The side menu's groups, in order. At 1366 × 768 the menu holds every entry above the toasts (docs/adr/0014):
 * a new screen joins a group here instead of lengthening one flat list.
 */
export const NAV_GROUPS = [
  { id: 'layanan', label: 'Layanan' },
  { id: 'pengaduan', label: 'Pengaduan & Survei' },
  { id: 'pengawasan', label: 'Pengawasan' },
  { id: 'pengaturan', label: 'Pengaturan' },
] as const;
export type NavGroupId = (typeof NAV_GROUPS)[number]['id'];
import { StandardScreen } from './standard/StandardScreen';
import { MaklumatScreen } from './maklumat/MaklumatScreen';
import { EvaluationScreen } from './evaluation/EvaluationScreen';

export interface NavEntry {
  id: string;
  label: string;
  /** The menu group; 'layanan' (the counter's daily work) when not given. */
  group?: NavGroupId;
  /** Keyboard shortcut shown in the menu (Alt+key). */
  key?: string;
  roles: Role[] | 'all';
  component: ComponentType<{ params?: Record<string, string> }>;
  /** Hidden entries are routes without a menu item (e.g. a visit's checklist). */
  hidden?: boolean;
}

export const NAV: NavEntry[] = [
  { id: 'guestbook', label: 'Buku Tamu', key: '1', roles: 'all', component: GuestBookScreen },
  { id: 'returned', label: 'Berkas Dikembalikan', key: '2', roles: ['helpdesk', 'supervisor'], component: ReturnedScreen },
  { id: 'visit', label: 'Pemeriksaan Berkas', roles: 'all', component: ChecklistScreen, hidden: true },
  ...QUEUE_NAV,
  ...DESK_NAV,
  ...COMPLAINT_NAV,
  ...REPORT_NAV,
  ...SYNC_NAV,
  // Reached from the supervisor's dashboard: the side menu keeps one entry per subject (1366 × 768).
  { id: 'security-alerts', label: 'Peringatan Keamanan', roles: ['supervisor'], component: SecurityAlertsScreen, hidden: true },
  ...SURVEY_NAV,
  // Issue 14: the catalogue's versions and draft (ADR 0015); also reached from the supervisor's dashboard.
  { id: 'standard', label: 'Standar Pelayanan', group: 'pengawasan', roles: ['supervisor'], component: StandardScreen },
  // Issue 15: backups, verification and the guided restore (ADR 0016, 0017, 0024).
  ...DATA_SAFETY_NAV,
  // Issue 15 item 6: retention, requests and erasure of personal data (UU 27/2022, ADR 0019).
  { id: 'privacy', label: 'Data Pribadi', group: 'pengaturan', roles: ['supervisor'], component: PrivacyScreen },
  // Issue 14 (Pasal 7): every officer reads the maklumat in force; the heads draft it, the Kepala Bagian signs.
  { id: 'maklumat', label: 'Maklumat Pelayanan', group: 'pengawasan', roles: 'all', component: MaklumatScreen },
  // Issue 14 (Pasal 5): evaluasi kinerja pelaksana, for both heads; reached from the supervisor's dashboard
  // (the menu holds every entry at 1366 × 768, ADR 0014).
  { id: 'evaluation', label: 'Evaluasi Kinerja Pelaksana', group: 'pengawasan', roles: ['supervisor'], component: EvaluationScreen, hidden: true },
];
