/**
 * The screens of printing and reporting (monthly report, office settings, receipt check), with the roles that
 * see them (the backend enforces the same), and the print panel they add to the visit screen.
 */
import { lazy } from 'react';
import { VISIT_PANELS } from '../checklist/extensions';
import type { NavEntry } from '../nav';
import { PrintPanel } from '../print/PrintPanel';
import { OfficeSettingsScreen } from './OfficeSettingsScreen';
import { VerifyReceiptScreen } from './VerifyReceiptScreen';

// The report screen brings the charting library: it is loaded when first opened, not with the app.
const ReportScreen = lazy(() => import('./ReportScreen').then((m) => ({ default: m.ReportScreen })));

export const REPORT_NAV: NavEntry[] = [
  { id: 'report', label: 'Laporan Bulanan', key: '9', group: 'pengawasan', roles: ['supervisor'], component: ReportScreen },
  { id: 'verify-receipt', label: 'Cek Tanda Terima', roles: 'all', component: VerifyReceiptScreen },
  { id: 'office-settings', label: 'Pengaturan Kantor', group: 'pengaturan', roles: ['supervisor'], component: OfficeSettingsScreen },
];

if (!VISIT_PANELS.some((p) => p.id === 'print')) VISIT_PANELS.push({ id: 'print', component: PrintPanel });
