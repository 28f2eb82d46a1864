/**
 * What sync adds to the renderer: the settings screen (supervisor, system admin; the backend enforces the
 * same) and the status widget in the top bar.
 */
import { HEADER_WIDGETS } from '../header';
import type { NavEntry } from '../nav';
import { SyncSettingsScreen } from './SyncSettingsScreen';
import { SyncStatusWidget } from './SyncStatusWidget';

export const SYNC_NAV: NavEntry[] = [{ id: 'sync-settings', label: 'Sinkronisasi', key: '0', group: 'pengaturan', roles: ['supervisor', 'sysadmin'], component: SyncSettingsScreen }];

if (!HEADER_WIDGETS.some((w) => w.id === 'sync-status')) HEADER_WIDGETS.unshift({ id: 'sync-status', component: SyncStatusWidget });
