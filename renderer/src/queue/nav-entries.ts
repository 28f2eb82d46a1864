/** The waiting room's screen and visit panel (issue 16, docs/adr/0013), with the roles that see them. */
import { VISIT_PANELS } from '../checklist/extensions';
import type { NavEntry } from '../nav';
import { QueuePanel } from './QueuePanel';
import { QueueScreen } from './QueueScreen';

// One menu entry for the desks; the supervisor's menu is full at 1366 × 768 (toasts), so the supervisor
// reaches the queue from the dashboard (QueueDashboardLine), as the security alerts are reached.
export const QUEUE_NAV: NavEntry[] = [{ id: 'queue', label: 'Antrean', roles: ['helpdesk', 'verifier', 'sysadmin'], component: QueueScreen }];

if (!VISIT_PANELS.some((p) => p.id === 'queue')) VISIT_PANELS.unshift({ id: 'queue', component: QueuePanel });
