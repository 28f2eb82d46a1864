/**
 * Evaluasi kinerja pelaksana (Perwali Banjarmasin 67/2018 Pasal 5 (1) b; contract/evaluation.ts; ADR 0023):
 * one row per officer for a month, from the same projections and service clock as the monthly report
 * (`clockVisits`), so the two never disagree:
 * - guest book: visits the officer registered, files they handed over, and returns they recorded (each
 *   `visit.returned` event they wrote in the month that the fold allowed);
 * - desk: outcomes they recorded for the month's visits, within the limit or late (excused time not counted,
 *   as in the report), and files they hold past the limit now;
 * - complaints received in the month about a visit they registered, handed over, claimed or finished;
 * - the survey (IKM) of each service they finished files for: responses are anonymous by design (ADR 0010),
 *   so this is the service's result, never a score of the officer, and is printed as such.
 */
import type { OfficerEvaluation, StaffEvaluation } from '../../contract/evaluation';
import { STAGE_LABEL } from '../../domain/complaints/labels';
import type { ComplaintStage } from '../../domain/aggregates/complaint';
import { witaDayStartMs } from '../../domain/time/wita';
import { monthId } from '../../print/format';
import type { AppContext } from '../context';
import { ikmFigures } from '../survey/report';
import { monthRange } from './month';
import { clockVisits, FINISHED, OPEN_AT_DESK, type ReportInputs } from './monthly';
import { monthVisits, staffDirectory, toReportVisitRow } from './source';
import { pct } from './stats';

const OFFICER_ROLES = new Set(['helpdesk', 'verifier', 'sysadmin']);

export const EVALUATION_DEFINITIONS = [
  'Kunjungan bulan ini: kunjungan yang datang pada bulan tersebut (WITA); keadaannya per saat laporan disusun.',
  'Dicatat: kunjungan yang didaftarkan petugas di buku tamu. Diserahkan: berkas lengkap yang diperiksa dan diserahkan petugas ke verifikator/admin sistem. Dikembalikan: pengembalian berkas tidak lengkap (Daftar Kekurangan Berkas) yang dicatat petugas pada bulan tersebut.',
  'Selesai: hasil layanan (selesai atau ditolak) yang dicatat petugas di meja verifikator/admin sistem. Tepat waktu dan terlambat diukur dengan jam layanan menurut jangka waktu Standar Pelayanan (jam loket pada hari kerja, jeda menunggu penyedia/LKPP dan gangguan yang dikecualikan tidak dihitung), sama dengan laporan bulanan.',
  'Melewati batas: berkas yang sedang dipegang petugas dan sudah melewati jangka waktu saat laporan disusun.',
  'Pengaduan: pengaduan yang diterima pada bulan tersebut tentang kunjungan yang didaftarkan, diperiksa, atau ditangani petugas.',
  'Survei: IKM layanan yang berkasnya diselesaikan petugas pada bulan tersebut. Survei diisi tanpa nama dan tidak dapat dikaitkan dengan kunjungan atau petugas tertentu, sehingga nilai ini adalah nilai layanan, bukan nilai perorangan.',
];

interface Acc {
  registered: number;
  handedOver: number;
  returned: number;
  finished: number;
  completed: number;
  rejected: number;
  inTime: number;
  late: number;
  overdueOpen: number;
  complaints: OfficerEvaluation['complaints'];
  services: Set<string>;
}

const blank = (): Acc => ({ registered: 0, handedOver: 0, returned: 0, finished: 0, completed: 0, rejected: 0, inTime: 0, late: 0, overdueOpen: 0, complaints: [], services: new Set() });

export async function staffEvaluation(app: AppContext, inputs: ReportInputs): Promise<StaffEvaluation> {
  const db = app.db;
  const range = monthRange(inputs.month);
  const [{ visits, catalogues }, staff] = await Promise.all([monthVisits(db, range).then((rows) => clockVisits(inputs, rows)), staffDirectory(db)]);
  const accs = new Map<string, Acc>();
  const acc = (id: string) => {
    let a = accs.get(id);
    if (!a) accs.set(id, (a = blank()));
    return a;
  };
  for (const u of staff.values()) if (u.roles.some((r) => OFFICER_ROLES.has(r))) acc(u.id);

  for (const v of visits) {
    const r = v.row;
    if (r.registeredBy) acc(r.registeredBy).registered++;
    if (r.handedOverAt !== null && r.handedOverBy) acc(r.handedOverBy).handedOver++;
    if (r.outcomeBy && FINISHED.has(r.status)) {
      const a = acc(r.outcomeBy);
      a.finished++;
      if (r.status === 'completed') a.completed++;
      else a.rejected++;
      if (v.inTime === true) a.inTime++;
      if (v.inTime === false) a.late++;
      if (r.serviceCode) a.services.add(r.serviceCode);
    }
  }

  // Files held now past their limit, whatever month they arrived in (the officer's current backlog).
  const open = await db
    .selectFrom('visits')
    .select(['id', 'day', 'arrived_at', 'service_code', 'catalogue_version', 'status', 'checklist_started_at', 'returned_count', 'handed_over_at', 'discretion', 'registered_by', 'handed_over_by', 'claimed_by', 'outcome_at', 'outcome_by', 'lkpp_result', 'pauses'])
    .where('status', 'in', [...OPEN_AT_DESK])
    .where('claimed_by', 'is not', null)
    .execute();
  const held = (
    await clockVisits(
      inputs,
      open.map((v) => ({ ...toReportVisitRow(v), claimedBy: v.claimed_by! })),
    )
  ).visits;
  for (const c of held) if (c.overdue) acc(c.row.claimedBy).overdueOpen++;

  // Returns recorded in the month, by who recorded them; events the fold denied do not count.
  const from = witaDayStartMs(range.firstDay);
  const to = witaDayStartMs(range.nextFirstDay);
  const returns = await db
    .selectFrom('events')
    .select(['actor_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', 'visit.returned')
    .where('recorded_at', '>=', from)
    .where('recorded_at', '<', to)
    .where('id', 'not in', (eb) => eb.selectFrom('event_denials').select('id'))
    .groupBy('actor_id')
    .execute();
  for (const r of returns) if (r.actor_id) acc(r.actor_id).returned += Number(r.n);

  const complaints = await db
    .selectFrom('complaints')
    .innerJoin('visits', 'visits.id', 'complaints.visit_id')
    .select(['complaints.number', 'complaints.receipt_no', 'complaints.stage', 'visits.registered_by', 'visits.handed_over_by', 'visits.claimed_by', 'visits.outcome_by', 'visits.receipt_no as visit_receipt'])
    .where('complaints.received_day', '>=', range.firstDay)
    .where('complaints.received_day', '<', range.nextFirstDay)
    .orderBy('complaints.number')
    .execute();
  for (const c of complaints) {
    for (const id of new Set([c.registered_by, c.handed_over_by, c.claimed_by, c.outcome_by].filter((x): x is string => !!x))) {
      acc(id).complaints.push({ number: c.number, receiptNo: c.receipt_no ?? c.visit_receipt, stage: STAGE_LABEL[c.stage as ComplaintStage] ?? c.stage });
    }
  }

  // The survey of each service handled, once per service for the month.
  const serviceName = (code: string) => {
    for (const cat of catalogues.values()) {
      const s = cat.services.find((x) => x.code === code);
      if (s) return s.name;
    }
    return code;
  };
  const ikm = new Map<string, { respondents: number; ikm: number | null }>();
  for (const code of new Set([...accs.values()].flatMap((a) => [...a.services]))) {
    const f = await ikmFigures(app, { from: range.firstDay, to: range.lastDay, serviceCode: code, period: null });
    ikm.set(code, { respondents: f.respondents, ikm: f.respondents > 0 ? f.ikmConverted : null });
  }

  const officers: OfficerEvaluation[] = [...accs.entries()]
    .map(([id, a]) => ({
      userId: id,
      name: staff.get(id)?.name ?? '(pengguna tidak dikenal)',
      roles: staff.get(id)?.roles ?? [],
      registered: a.registered,
      handedOver: a.handedOver,
      returned: a.returned,
      finished: a.finished,
      completed: a.completed,
      rejected: a.rejected,
      finishedInTime: a.inTime,
      finishedLate: a.late,
      inTimePct: pct(a.inTime, a.inTime + a.late),
      overdueOpen: a.overdueOpen,
      complaints: a.complaints,
      survey: [...a.services].sort().map((code) => ({ serviceCode: code, serviceName: serviceName(code), ...ikm.get(code)! })),
    }))
    .sort((x, y) => x.name.localeCompare(y.name, 'id'));
  return { month: inputs.month, label: monthId(inputs.month), generatedAt: inputs.now, officers, definitions: EVALUATION_DEFINITIONS };
}
