/** Issue 15: the supervisor's data-safety screen (backups, verification, guided restore) in Pengaturan. */
import type { NavEntry } from '../nav';
import { DataSafetyScreen } from './DataSafetyScreen';

export const DATA_SAFETY_NAV: NavEntry[] = [{ id: 'data-safety', label: 'Keamanan Data', group: 'pengaturan', roles: ['supervisor'], component: DataSafetyScreen }];
