/** The waiting room's screen and visit panel (issue 16, docs/adr/0013), with the roles that see them. */
import { VISIT_PANELS } from '../checklist/extensions';
import type { NavEntry } from '../nav';
import { QueuePanel } from './QueuePanel';
import { QueueScreen } from './QueueScreen';

export const QUEUE_NAV: NavEntry[] = [{ id: 'queue', label: 'Antrean', roles: ['helpdesk', 'verifier', 'sysadmin', 'supervisor'], component: QueueScreen }];

if (!VISIT_PANELS.some((p) => p.id === 'queue')) VISIT_PANELS.unshift({ id: 'queue', component: QueuePanel });
