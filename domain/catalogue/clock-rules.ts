/**
 * The clock rules of a service's time limit (issue 9): which disruptions are excused, the shorter guarantee,
 * and whether forwarding to LKPP leaves the limit. A catalogue may state them (optional `TimeLimit` fields);
 * catalogue version 1 was seeded before they existed and is frozen (migration 002), so for the seven
 * services of Perwali Banjarmasin 67/2018 they are read from the regulation's Lampiran here:
 * - services 2–5: "Jika tidak ada gangguan internet, … paling lama 30 menit" — the internet, and SPSE where
 *   the change is made, are conditions of the promise;
 * - service 2: the limit is 1 working day and the guarantee 30 minutes;
 * - service 7: "maksimal 5 (lima) hari kerja, apabila kendala tersebut tidak perlu ditindaklanjuti ke
 *   helpdesk LKPP".
 * Services 1 and 6 state no such condition. Pure.
 */
import type { ClockLimit } from '../time/clock';
import type { ServiceDefinition, TimeLimit } from './types';

type ClockRules = Pick<TimeLimit, 'excusedDisruptions' | 'guaranteeMinutes' | 'externalLeavesLimit'>;

const INTERNET_AND_SPSE: ('internet' | 'spse')[] = ['internet', 'spse'];

export const PERWALI_67_2018_CLOCK_RULES: Readonly<Record<string, ClockRules>> = {
  perubahan_email: { excusedDisruptions: INTERNET_AND_SPSE, guaranteeMinutes: 30 },
  perubahan_status_cv_pt: { excusedDisruptions: INTERNET_AND_SPSE },
  perubahan_npwp: { excusedDisruptions: INTERNET_AND_SPSE },
  nonaktif_user_id: { excusedDisruptions: INTERNET_AND_SPSE },
  pendampingan_spse: { externalLeavesLimit: true },
};

/** The limit as the service clock takes it, with its clock rules. */
export function clockLimitOf(service: Pick<ServiceDefinition, 'code' | 'timeLimit'>): ClockLimit {
  const t = service.timeLimit;
  const stated = t.excusedDisruptions !== undefined || t.guaranteeMinutes !== undefined || t.externalLeavesLimit !== undefined;
  const rules: ClockRules = stated ? t : (PERWALI_67_2018_CLOCK_RULES[service.code] ?? {});
  return {
    amount: t.amount,
    unit: t.unit,
    externalWaitExcluded: t.externalWaitExcluded,
    ...(rules.excusedDisruptions ? { excusedDisruptions: rules.excusedDisruptions } : {}),
    ...(rules.guaranteeMinutes !== undefined ? { guaranteeMinutes: rules.guaranteeMinutes } : {}),
    ...(rules.externalLeavesLimit !== undefined ? { externalLeavesLimit: rules.externalLeavesLimit } : {}),
  };
}
