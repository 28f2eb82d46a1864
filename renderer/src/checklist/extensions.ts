/**
 * Extra panels on the visit screen (printing, the service clock, the verifier's outcome…), registered by the
 * features that own them so the checklist screen does not import every feature.
 */
import type { ComponentType } from 'react';
import type { VisitDetail } from '../../../contract/api';

export interface VisitPanelProps {
  detail: VisitDetail;
  reload: () => Promise<void>;
}

export const VISIT_PANELS: { id: string; component: ComponentType<VisitPanelProps> }[] = [];
