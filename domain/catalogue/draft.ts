/**
 * Drafting a new catalogue version (Pasal 9, issue 14): the checks a draft must pass before it is saved or
 * published, each naming the service and the field in Indonesian, and the difference between two versions
 * as the Kepala Bagian reads it before publishing. Pure.
 */
import { catalogueSchema } from './schema';
import type { Catalogue, ServiceDefinition } from './types';
import { handlingUnitsOf } from './units';

export interface DraftIssue {
  /** Dotted path into the catalogue, e.g. "services.7.timeLimit.amount". */
  path: string;
  message: string;
}

const FIELD_LABELS: Record<string, string> = {
  code: 'Kode layanan',
  number: 'Nomor layanan',
  name: 'Nama layanan',
  shortName: 'Nama singkat',
  requirements: 'Persyaratan',
  procedure: 'Prosedur',
  'timeLimit.amount': 'Jangka waktu',
  'timeLimit.unit': 'Satuan jangka waktu',
  'timeLimit.text': 'Uraian jangka waktu',
  fee: 'Biaya/tarif',
  product: 'Produk pelayanan',
  handlerRole: 'Ditangani oleh (unit penanganan)',
  'complaintHandling.channel': 'Saluran pengaduan',
  serviceGuarantee: 'Jaminan pelayanan',
  legalBasis: 'Dasar hukum',
  staffCompetence: 'Kompetensi pelaksana',
  securityGuarantee: 'Jaminan keamanan dan keselamatan',
  facilities: 'Sarana dan prasarana',
  internalSupervision: 'Pengawasan internal',
  staffCount: 'Jumlah pelaksana',
  staffEvaluation: 'Evaluasi kinerja pelaksana',
  pauseKinds: 'Jenis penundaan',
  'pauseKinds.code': 'Jenis penundaan (kode)',
  'pauseKinds.label': 'Jenis penundaan (nama)',
  source: 'Dasar penetapan',
  effectiveFrom: 'Tanggal berlaku',
};

const UNIT_LABELS: Record<string, string> = { code: 'kode', name: 'nama', roles: 'dilayani oleh', deskTitle: 'judul meja', receiptLabel: 'label tanda terima' };

const REQUIREMENT_LABELS: Record<string, string> = { code: 'kode', label: 'nama dokumen', description: 'uraian' };

function serviceName(c: { services?: unknown }, i: number): string {
  const s = Array.isArray(c.services) ? (c.services[i] as Partial<ServiceDefinition> | undefined) : undefined;
  return s?.name ? `Layanan ${s.number ?? i + 1} (${s.name})` : `Layanan ke-${i + 1}`;
}

/** The field a path names, in words: "Layanan 8 (Reset Password User ID), Jangka waktu". */
export function describePath(c: { services?: unknown; handlingUnits?: unknown }, path: (string | number)[]): string {
  if (path[0] === 'handlingUnits') {
    if (typeof path[1] !== 'number') return 'Unit penanganan';
    const u = Array.isArray(c.handlingUnits) ? (c.handlingUnits[path[1]] as { name?: unknown } | undefined) : undefined;
    const field = typeof path[2] === 'string' ? (UNIT_LABELS[path[2]] ?? path[2]) : '';
    return `Unit penanganan ke-${path[1] + 1}${typeof u?.name === 'string' && u.name ? ` (${u.name})` : ''}${field ? `, ${field}` : ''}`;
  }
  if (path[0] !== 'services' || typeof path[1] !== 'number') return FIELD_LABELS[path.join('.')] ?? path.join('.');
  const where = serviceName(c, path[1]);
  const rest = path.slice(2);
  if (rest[0] === 'requirements' && typeof rest[1] === 'number') {
    const field = typeof rest[2] === 'string' ? (REQUIREMENT_LABELS[rest[2]] ?? rest[2]) : '';
    return `${where}, persyaratan ke-${rest[1] + 1}${field ? ` (${field})` : ''}`;
  }
  if (rest.length === 0) return where;
  const key = rest.filter((p) => typeof p === 'string').join('.');
  return `${where}, ${FIELD_LABELS[key] ?? FIELD_LABELS[String(rest[0])] ?? key}`;
}

/**
 * Every problem of a draft, or none. The schema's checks (shapes, a limit of zero, duplicate codes) and what a
 * standard the office can serve by also needs: every active service has at least one requirement and one
 * procedure step, and service numbers are unique.
 */
export function checkDraft(draft: unknown): { ok: true; catalogue: Catalogue } | { ok: false; issues: DraftIssue[] } {
  const c = (draft ?? {}) as { services?: unknown };
  const parsed = catalogueSchema.safeParse(draft);
  const issues: DraftIssue[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = describePath(c, path);
      let why: string;
      if (i.code === 'too_small' && path.at(-1) === 'amount') why = 'harus lebih dari 0.';
      else if (i.code === 'too_small' && path[0] === 'handlingUnits' && path.at(-1) === 'roles') why = 'pilih minimal satu peran petugas yang melayani.';
      else if (i.code === 'too_small') why = 'wajib diisi.';
      else if (i.code === 'custom') why = i.message;
      else if (i.code === 'invalid_format' && (path.at(-1) === 'code' || path.at(-1) === 'handlerRole')) why = 'hanya huruf kecil, angka dan garis bawah, diawali huruf (contoh: reset_password_user_id).';
      else if (i.code === 'too_big') why = 'terlalu panjang.';
      else why = 'tidak valid.';
      issues.push({ path: path.join('.'), message: `${where}: ${why}` });
    }
    return { ok: false, issues };
  }
  const cat = parsed.data;
  const numbers = new Map<number, number>();
  cat.services.forEach((s, i) => {
    if (s.active && s.requirements.length === 0) issues.push({ path: `services.${i}.requirements`, message: `${describePath(cat, ['services', i, 'requirements'])}: minimal satu persyaratan.` });
    if (s.active && s.procedure.length === 0) issues.push({ path: `services.${i}.procedure`, message: `${describePath(cat, ['services', i, 'procedure'])}: minimal satu langkah.` });
    const other = numbers.get(s.number);
    if (other !== undefined) issues.push({ path: `services.${i}.number`, message: `${describePath(cat, ['services', i, 'number'])}: nomor ${s.number} sudah dipakai ${describePath(cat, ['services', other])}.` });
    numbers.set(s.number, i);
  });
  return issues.length ? { ok: false, issues } : { ok: true, catalogue: cat };
}

export interface ServiceChange {
  code: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  /** Labels of the fields that differ (changed services only). */
  fields: string[];
  /** A handling unit's change (issue 14); absent for a service. */
  subject?: 'unit';
}

const COMPARED: { key: keyof ServiceDefinition; label: string }[] = [
  { key: 'number', label: 'Nomor layanan' },
  { key: 'name', label: 'Nama layanan' },
  { key: 'shortName', label: 'Nama singkat' },
  { key: 'requirements', label: 'Persyaratan' },
  { key: 'procedure', label: 'Prosedur' },
  { key: 'timeLimit', label: 'Jangka waktu' },
  { key: 'fee', label: 'Biaya/tarif' },
  { key: 'product', label: 'Produk pelayanan' },
  { key: 'handlerRole', label: 'Ditangani oleh' },
  { key: 'complaintHandling', label: 'Penanganan pengaduan' },
  { key: 'serviceGuarantee', label: 'Jaminan pelayanan' },
  { key: 'legalBasis', label: 'Dasar hukum' },
  { key: 'staffCompetence', label: 'Kompetensi pelaksana' },
  { key: 'securityGuarantee', label: 'Jaminan keamanan dan keselamatan' },
  { key: 'facilities', label: 'Sarana dan prasarana' },
  { key: 'internalSupervision', label: 'Pengawasan internal' },
  { key: 'staffCount', label: 'Jumlah pelaksana' },
  { key: 'staffEvaluation', label: 'Evaluasi kinerja pelaksana' },
  { key: 'pauseKinds', label: 'Jenis penundaan' },
  { key: 'active', label: 'Status aktif' },
];

/** What `next` changes against `base`, service by service (by code), in `next`'s order then removals, then the units. */
export function diffCatalogues(base: Catalogue, next: Catalogue): ServiceChange[] {
  const out: ServiceChange[] = [];
  const before = new Map(base.services.map((s) => [s.code, s]));
  for (const s of next.services) {
    const b = before.get(s.code);
    if (!b) {
      out.push({ code: s.code, name: s.name, kind: 'added', fields: [] });
      continue;
    }
    const fields = COMPARED.filter(({ key }) => JSON.stringify(b[key] ?? null) !== JSON.stringify(s[key] ?? null)).map((f) => f.label);
    if (fields.length) out.push({ code: s.code, name: s.name, kind: 'changed', fields });
  }
  const codes = new Set(next.services.map((s) => s.code));
  for (const b of base.services) if (!codes.has(b.code)) out.push({ code: b.code, name: b.name, kind: 'removed', fields: [] });
  return [...out, ...diffUnits(base, next)];
}

/**
 * What `next` changes in the handling units against `base` (by code), in the shape of a service change so
 * the draft screen and the CLI list them beside the services.
 */
export function diffUnits(base: Catalogue, next: Catalogue): ServiceChange[] {
  const out: ServiceChange[] = [];
  const before = new Map(handlingUnitsOf(base).map((u) => [u.code, u]));
  const after = handlingUnitsOf(next);
  for (const u of after) {
    const b = before.get(u.code);
    if (!b) out.push({ code: u.code, name: `Unit penanganan ${u.name}`, kind: 'added', fields: [], subject: 'unit' });
    else {
      const fields = (Object.keys(UNIT_LABELS) as (keyof typeof u)[]).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(u[k] ?? null)).map((k) => UNIT_LABELS[k]!);
      if (fields.length) out.push({ code: u.code, name: `Unit penanganan ${u.name}`, kind: 'changed', fields, subject: 'unit' });
    }
  }
  const codes = new Set(after.map((u) => u.code));
  for (const b of before.values()) if (!codes.has(b.code)) out.push({ code: b.code, name: `Unit penanganan ${b.name}`, kind: 'removed', fields: [], subject: 'unit' });
  return out;
}

/** A new service to start from: everything the office fills in is empty, the regulation's common parts kept. */
export function blankService(c: Catalogue): ServiceDefinition {
  const model = c.services[0]!;
  const number = Math.max(0, ...c.services.map((s) => s.number)) + 1;
  return {
    code: `layanan_${number}`,
    number,
    name: '',
    shortName: '',
    requirements: [],
    procedure: [],
    timeLimit: { amount: 1, unit: 'working_days', text: '1 hari kerja', notes: [], externalWaitExcluded: false },
    fee: 'Gratis',
    product: '',
    handlerRole: handlingUnitsOf(c)[0]!.code,
    complaintHandling: { ...model.complaintHandling },
    serviceGuarantee: [...model.serviceGuarantee],
    legalBasis: [...model.legalBasis],
    staffCompetence: [...model.staffCompetence],
    securityGuarantee: model.securityGuarantee,
    active: true,
  };
}
