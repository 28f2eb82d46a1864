/**
 * Office-wide outages (issue 9) as the service clock takes them: every outage not withdrawn is a disruption
 * of every file at a desk during it. The `outages` table (migration 006) holds a handful of rows.
 */
import type { OutagesTable } from '../../db/schema';
import type { Exec } from '../../db/event-store';
import { prepared } from '../../db/prepared';
import type { DisruptionKind, Pause } from '../../domain/time/clock';

export interface OutageRow {
  id: string;
  kind: DisruptionKind;
  from: number;
  to: number | null;
  reason: string;
  declaredBy: string | null;
  declaredAt: number;
  withdrawn: boolean;
}

function toRow(r: OutagesTable): OutageRow {
  return { id: r.id, kind: r.kind as DisruptionKind, from: r.from_ms, to: r.to_ms, reason: r.reason, declaredBy: r.declared_by, declaredAt: r.declared_at, withdrawn: r.withdrawn === 1 };
}

/** Outages, newest first (`includeWithdrawn` for the list the supervisor sees). */
export async function listOutages(db: Exec, opts: { includeWithdrawn?: boolean; limit?: number } = {}): Promise<OutageRow[]> {
  if (!opts.includeWithdrawn && opts.limit === undefined) return (await outagesInForce.all(db, {})).map(toRow);
  let q = db.selectFrom('outages').selectAll().orderBy('from_ms', 'desc').limit(opts.limit ?? 1000);
  if (!opts.includeWithdrawn) q = q.where('withdrawn', '=', 0);
  return (await q.execute()).map(toRow);
}

/** Every clock reads the outages in force (each queue, dashboard and visit answer): built and compiled once. */
const outagesInForce = prepared((db) => db.selectFrom('outages').selectAll().where('withdrawn', '=', 0).orderBy('from_ms', 'desc').limit(1000));

/** The outages in force, as clock pauses of reason `disruption_<kind>`. */
export async function outagePauses(db: Exec): Promise<Pause[]> {
  return (await listOutages(db)).map((o): Pause => (o.to === null ? { from: o.from, reason: `disruption_${o.kind}` } : { from: o.from, to: o.to, reason: `disruption_${o.kind}` }));
}
