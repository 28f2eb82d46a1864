/**
 * The waits a service allows at the desk (issue 14): the built-in "menunggu penyedia" and whatever the
 * service's catalogue entry adds (`pauseKinds`), so a new service with a new kind of wait needs no code. Every
 * pause kind stops the service clock like waiting for the vendor does (domain/time/clock.ts: the clock sees
 * it as `waiting_vendor`); forwarding to LKPP keeps its own rule. Pure.
 */
import type { PauseKindDefinition, ServiceDefinition } from './types';

export const WAITING_VENDOR: PauseKindDefinition = { code: 'waiting_vendor', label: 'Menunggu penyedia' };
const AT_LKPP: PauseKindDefinition = { code: 'external_lkpp', label: 'Di LKPP' };

/** The pause kinds a desk may start for this service, the built-in one first. */
export function pauseKindsOf(s: Pick<ServiceDefinition, 'pauseKinds'> | null | undefined): PauseKindDefinition[] {
  return [WAITING_VENDOR, ...(s?.pauseKinds ?? [])];
}

/** The label of a recorded pause kind, also one a later version no longer lists. */
export function pauseLabel(s: Pick<ServiceDefinition, 'pauseKinds'> | null | undefined, code: string): string {
  if (code === AT_LKPP.code) return AT_LKPP.label;
  return pauseKindsOf(s).find((k) => k.code === code)?.label ?? `Menunggu (${code.replace(/_/g, ' ')})`;
}
