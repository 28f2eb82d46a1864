/** Issue 15: the supervisor's data-safety screen (backups, verification, guided restore) in Pengaturan. */
import type { NavEntry } from '../nav';
import { APP_BANNERS } from '../header';
import { DataSafetyScreen } from './DataSafetyScreen';
import { StorageBanner } from './StorageBanner';

export const DATA_SAFETY_NAV: NavEntry[] = [{ id: 'data-safety', label: 'Keamanan Data', group: 'pengaturan', roles: ['supervisor'], component: DataSafetyScreen }];

if (!APP_BANNERS.some((b) => b.id === 'storage-banner')) APP_BANNERS.unshift({ id: 'storage-banner', component: StorageBanner });
