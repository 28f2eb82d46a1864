/**
 * The screens of complaints and suggestions (issue 12), with the roles that see them (the backend enforces
 * the same): the helpdesk records at the counter; the supervisor handles them. Both sit in the menu's
 * "Pengaduan & Survei" group (nav.ts); suggestions are also reached from the desk and the dashboard card.
 */
import type { NavEntry } from '../nav';
import { VISIT_PANELS } from '../checklist/extensions';
import { VisitComplaintsPanel } from './VisitComplaintsPanel';
import { ComplaintDeskScreen } from './ComplaintDeskScreen';
import { ComplaintFormScreen } from './ComplaintFormScreen';
import { ComplaintScreen } from './ComplaintScreen';
import { SuggestionsScreen } from './SuggestionsScreen';

export const COMPLAINT_NAV: NavEntry[] = [
  { id: 'complaints', label: 'Pengaduan', key: 'p', group: 'pengaduan', roles: ['helpdesk', 'supervisor'], component: ComplaintDeskScreen },
  { id: 'suggestions', label: 'Saran & Masukan', group: 'pengaduan', roles: ['helpdesk', 'supervisor'], component: SuggestionsScreen },
  { id: 'complaint', label: 'Pengaduan', roles: ['helpdesk', 'supervisor'], component: ComplaintScreen, hidden: true },
  { id: 'complaint-new', label: 'Catat Pengaduan', roles: ['helpdesk', 'supervisor'], component: ComplaintFormScreen, hidden: true },
];

if (!VISIT_PANELS.some((p) => p.id === 'complaints')) VISIT_PANELS.push({ id: 'complaints', component: VisitComplaintsPanel });
