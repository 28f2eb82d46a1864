/** Widgets in the top bar (sync status, lock button…), registered by the features that own them. */
import type { ComponentType } from 'react';
export const HEADER_WIDGETS: { id: string; component: ComponentType }[] = [];

/** Banners above every screen (e.g. the calendar notice), registered by the features that own them. */
export const APP_BANNERS: { id: string; component: ComponentType }[] = [];
