/**
 * The screens, visit panel and top-bar widget of the satisfaction survey (docs/adr/0010), with the roles that
 * see them (the backend enforces the same).
 */
import { lazy } from 'react';
import { VISIT_PANELS } from '../checklist/extensions';
import { HEADER_WIDGETS } from '../header';
import type { NavEntry } from '../nav';
import { KioskWidget } from './KioskWidget';
import { PaperEntryScreen } from './PaperEntryScreen';
import { SurveyPanel } from './SurveyPanel';

// The report screen carries the charts: loaded when first opened.
const SurveyReportScreen = lazy(() => import('./SurveyReportScreen').then((m) => ({ default: m.SurveyReportScreen })));

const STAFF: NavEntry['roles'] = ['helpdesk', 'verifier', 'sysadmin', 'supervisor'];

export const SURVEY_NAV: NavEntry[] = [
  { id: 'survey-report', label: 'Survei Kepuasan (SKM)', group: 'pengaduan', roles: STAFF, component: SurveyReportScreen },
  // Reached from the SKM screen: the side menu keeps one entry per subject.
  { id: 'survey-paper', label: 'Entri Kuesioner Kertas', roles: STAFF, component: PaperEntryScreen, hidden: true },
];

if (!VISIT_PANELS.some((p) => p.id === 'survey')) VISIT_PANELS.push({ id: 'survey', component: SurveyPanel });
if (!HEADER_WIDGETS.some((w) => w.id === 'survey-kiosk')) HEADER_WIDGETS.unshift({ id: 'survey-kiosk', component: KioskWidget });
