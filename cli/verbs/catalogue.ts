/**
 * `catalogue`: the service catalogue and its versions from the command line (issue 14, ADR 0015), through the
 * same contract as the Standar Pelayanan screen:
 *   catalogue [show] [--version N] [--json]          the version in force (or version N)
 *   catalogue versions [--json]                      every version, its state, and the open draft
 *   catalogue draft --as USER [--json]               opens the draft of the next version (copy of the newest)
 *   catalogue edit FILE --as USER [--service KODE]   a whole draft, one service, or (with --service) one requirement
 *   catalogue edit --remove KODE --as USER [--service KODE]
 *   catalogue diff [--json]                          the draft against the version in force
 *   catalogue publish --regulation TEKS --effective YYYY-MM-DD --as KEPALA_BAGIAN [--note TEKS] [--json]
 *   catalogue discard --as USER
 * Changes are recorded as a real head of the unit (`--as`, password in $LPSE_PASSWORD, as `users` and
 * `calendar import` do). An invalid draft is refused by the backend with the service and field named.
 */
import fs from 'node:fs';
import type { CatalogueDraftView } from '../../contract/standard';
import { diffCatalogues, type ServiceChange } from '../../domain/catalogue/draft';
import type { Catalogue, HandlingUnitDefinition, RequirementItem, ServiceDefinition } from '../../domain/catalogue/types';
import { handlingUnitsOf, unitOf } from '../../domain/catalogue/units';
import type { Role } from '../../domain/events/schema';
import { holdsRole } from '../../domain/roles';
import { isValidIsoDate } from '../../domain/time/wita';
import type { Backend } from '../../backend/app';
import { callApi, openExistingBackend, operatorSession } from '../backend';
import { CliError, EXIT_USAGE, defineVerb, type CliIO } from '../verb';
import { PASSWORD_ENV } from '../verbs-staff';


export function timeLimitShort(s: ServiceDefinition): string {
  return s.timeLimit.unit === 'minutes' ? `${s.timeLimit.amount} menit` : `${s.timeLimit.amount} hari kerja`;
}

/** A plain-text table of the services: number, name, time limit, requirement counts, handler. */
export function catalogueTable(c: Catalogue): string {
  const header = ['No', 'Layanan', 'Jangka waktu', 'Persyaratan', 'Ditangani oleh', 'Status'];
  const rows = c.services.map((s) => {
    const proxy = s.requirements.filter((r) => r.proxyOnly).length;
    return [
      String(s.number),
      s.name,
      timeLimitShort(s),
      proxy > 0 ? `${s.requirements.length} (${proxy} khusus kuasa)` : String(s.requirements.length),
      unitOf(c, s.handlerRole).name,
      s.active ? 'aktif' : 'nonaktif',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [
    `Katalog layanan versi ${c.version}: ${c.source} (berlaku sejak ${c.effectiveFrom})`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Unit penanganan: ${handlingUnitsOf(c).map((u) => `${u.name} (${u.code}; dilayani ${u.roles.map((r) => (r === 'verifier' ? 'verifikator' : 'admin sistem')).join(', ')})`).join('; ')}`,
    '',
  ].join('\n');
}

const KIND_MARK: Record<ServiceChange['kind'], string> = { added: '+', removed: '-', changed: '~' };
const KIND_WORD: Record<ServiceChange['kind'], string> = { added: 'layanan baru', removed: 'dihapus', changed: 'diubah' };
const UNIT_KIND_WORD: Record<ServiceChange['kind'], string> = { added: 'unit baru', removed: 'dihapus', changed: 'diubah' };

function changeLines(changes: readonly ServiceChange[]): string[] {
  if (changes.length === 0) return ['  (tidak ada perubahan)'];
  return changes.map((c) => `  ${KIND_MARK[c.kind]} ${c.name || c.code} (${c.code}): ${c.subject === 'unit' ? UNIT_KIND_WORD[c.kind] : KIND_WORD[c.kind]}${c.fields.length ? ` — ${c.fields.join(', ')}` : ''}`);
}

const STATE_WORD = { in_force: 'berlaku', scheduled: 'terjadwal', superseded: 'digantikan' } as const;

function versionsText(v: CatalogueDraftView): string {
  const lines = ['Versi katalog layanan:'];
  for (const x of v.versions) {
    lines.push(`  ${x.version}. berlaku mulai ${x.effectiveFrom} [${STATE_WORD[x.state]}] — ${x.source}${x.publishedByName ? ` (ditetapkan oleh ${x.publishedByName})` : ''}, ${x.services} layanan`);
  }
  lines.push('');
  if (v.draft) {
    lines.push(`Draf versi ${v.draft.catalogue.version} (salinan versi ${v.draft.basedOn})${v.draft.savedByName ? `, terakhir disimpan oleh ${v.draft.savedByName}` : ''}:`, ...changeLines(v.draft.changes));
  } else lines.push('Tidak ada draf yang terbuka.');
  return `${lines.join('\n')}\n`;
}

/** Reads and parses a JSON file, or says in Indonesian why it cannot. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`Berkas ${file} tidak dapat dibaca.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`Berkas ${file} bukan JSON yang valid (${e instanceof Error ? e.message : String(e)}).`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The draft after applying one edit. The shapes are checked by the backend (`checkDraft`), which names the
 * field; here only what the edit addresses (which service, which requirement) is resolved.
 */
export function applyEdit(draft: Catalogue, edit: { file: unknown; service: string | undefined; remove: string | undefined; unit?: boolean }): Catalogue {
  const services = [...draft.services];
  if (edit.unit) {
    // One handling unit (issue 14): added, replaced (same code) or removed; the backend checks that every
    // service still names a unit of the draft.
    const units = [...handlingUnitsOf(draft)];
    if (edit.remove !== undefined) {
      const i = units.findIndex((u) => u.code === edit.remove);
      if (i < 0) throw new CliError(`Unit penanganan dengan kode "${edit.remove}" tidak ada dalam draf. Kode yang ada: ${units.map((u) => u.code).join(', ')}.`);
      units.splice(i, 1);
    } else {
      if (!isObject(edit.file) || typeof edit.file.code !== 'string') throw new CliError('Berkas unit harus berisi satu objek JSON dengan "code", "name" dan "roles" (peran yang melayani: verifier, sysadmin).');
      const unit = edit.file as unknown as HandlingUnitDefinition;
      const i = units.findIndex((u) => u.code === unit.code);
      if (i >= 0) units[i] = unit;
      else units.push(unit);
    }
    return { ...draft, handlingUnits: units };
  }
  const indexOf = (code: string) => services.findIndex((s) => s.code === code);
  if (edit.service !== undefined) {
    const i = indexOf(edit.service);
    if (i < 0) throw new CliError(`Layanan dengan kode "${edit.service}" tidak ada dalam draf. Kode yang ada: ${services.map((s) => s.code).join(', ')}.`);
    const service = services[i]!;
    const requirements = [...service.requirements];
    if (edit.remove !== undefined) {
      const j = requirements.findIndex((r) => r.code === edit.remove);
      if (j < 0) throw new CliError(`Persyaratan dengan kode "${edit.remove}" tidak ada pada layanan ${service.number} (${service.name}).`);
      requirements.splice(j, 1);
    } else {
      if (!isObject(edit.file)) throw new CliError('Berkas persyaratan harus berisi satu objek JSON (kode, label, uraian, dan sifat dokumen).');
      const item = edit.file as unknown as RequirementItem;
      const j = requirements.findIndex((r) => r.code === item.code);
      if (j >= 0) requirements[j] = item;
      else requirements.push(item);
    }
    services[i] = { ...service, requirements };
    return { ...draft, services };
  }
  if (edit.remove !== undefined) {
    const i = indexOf(edit.remove);
    if (i < 0) throw new CliError(`Layanan dengan kode "${edit.remove}" tidak ada dalam draf.`);
    services.splice(i, 1);
    return { ...draft, services };
  }
  if (!isObject(edit.file)) throw new CliError('Berkas harus berisi satu objek JSON: seluruh katalog (dengan "services") atau satu layanan (dengan "code").');
  if (Array.isArray(edit.file.services)) {
    // A whole catalogue: its services (and units, when given) replace the draft's; version, source and date
    // stay the draft's (set at publication).
    const units = Array.isArray(edit.file.handlingUnits) ? { handlingUnits: edit.file.handlingUnits as HandlingUnitDefinition[] } : {};
    return { ...draft, services: edit.file.services as ServiceDefinition[], ...units };
  }
  if (typeof edit.file.code !== 'string') throw new CliError('Berkas layanan harus memuat "code" (kode layanan), atau berkas katalog harus memuat "services".');
  const service = edit.file as unknown as ServiceDefinition;
  const i = indexOf(service.code);
  if (i >= 0) services[i] = service;
  else services.push(service);
  return { ...draft, services };
}

/** Signs in the head of the unit named by --as (password in $LPSE_PASSWORD) and checks the role needed. */
async function signInHead(backend: Backend, as: string | undefined, io: CliIO, needed: Role): Promise<string> {
  const who = needed === 'kepala_bagian' ? 'Kepala Bagian' : 'Kepala Bagian atau Kepala Sub Bagian';
  if (!as) throw new CliError(`Opsi --as wajib diisi: nama pengguna ${who} yang mencatat perubahan ini (kata sandinya di variabel lingkungan ${PASSWORD_ENV}).`, EXIT_USAGE);
  const password = io.env[PASSWORD_ENV];
  if (!password) throw new CliError(`Isi kata sandi "${as}" di variabel lingkungan ${PASSWORD_ENV}.`, EXIT_USAGE);
  const s = await callApi(backend, null, 'auth.signIn', { username: as, password });
  if (!holdsRole(s.user.roles, needed)) {
    throw new CliError(
      needed === 'kepala_bagian'
        ? `Akun "${as}" bukan Kepala Bagian: standar pelayanan ditetapkan oleh Kepala Bagian (Perwali 67/2018).`
        : `Akun "${as}" bukan Kepala Bagian atau Kepala Sub Bagian: hanya keduanya yang menyusun draf standar pelayanan.`,
    );
  }
  return s.token;
}

const ACTIONS = ['show', 'versions', 'draft', 'edit', 'diff', 'publish', 'discard'] as const;
type Action = (typeof ACTIONS)[number];

/** Which flags each action accepts (beyond --json, --data-dir, --help); anything else is a usage error. */
const ACTION_FLAGS: Record<Action, readonly string[]> = {
  show: ['version'],
  versions: [],
  draft: ['as'],
  edit: ['as', 'service', 'remove', 'note', 'unit'],
  diff: [],
  publish: ['as', 'regulation', 'effective', 'note'],
  discard: ['as'],
};

export const catalogueVerb = defineVerb({
  name: 'catalogue',
  summary: 'Katalog layanan: tampilkan, versi, draf, ubah, bandingkan, dan tetapkan versi baru.',
  description:
    'Tanpa aksi (atau show): katalog yang berlaku hari ini (--version N: versi tertentu); tabel, atau lengkap dengan --json. ' +
    'versions: semua versi dan statusnya (berlaku, terjadwal, digantikan) serta draf yang terbuka. ' +
    'draft: membuka draf versi berikutnya sebagai salinan versi terbaru (tidak berubah bila draf sudah terbuka). ' +
    'edit BERKAS: mengubah draf dari berkas JSON: seluruh katalog (objek dengan "services"), satu layanan (objek dengan ' +
    '"code"; diganti bila kodenya ada, ditambahkan bila baru), atau dengan --service KODE satu persyaratan layanan itu. ' +
    'Dengan --unit, berkas berisi satu unit penanganan (objek dengan "code", "name", "roles"; diganti bila kodenya ada). ' +
    '--remove KODE menghapus layanan (atau, dengan --service, persyaratan; dengan --unit, unit penanganan) tersebut. Draf yang tidak valid ditolak dengan ' +
    'menyebut layanan dan isiannya; tidak ada yang dicatat. diff: perbedaan draf terhadap versi yang berlaku. publish: ' +
    'menetapkan draf sebagai versi baru dengan dasar penetapan --regulation dan tanggal berlaku --effective (tidak boleh ' +
    'sebelum hari ini); hanya Kepala Bagian. discard: membuang draf. Perubahan dicatat atas nama --as (kata sandi di ' +
    `${PASSWORD_ENV}).`,
  flags: {
    version: { kind: 'int', placeholder: 'N', min: 1, max: 1_000_000, description: 'show: versi yang ditampilkan (bawaan: yang berlaku hari ini).' },
    as: { kind: 'string', placeholder: 'PENGGUNA', description: `Kepala Bagian/Kepala Sub Bagian yang mencatat (kata sandi di ${PASSWORD_ENV}).` },
    service: { kind: 'string', placeholder: 'KODE', description: 'edit: kode layanan yang persyaratannya diubah.' },
    remove: { kind: 'string', placeholder: 'KODE', description: 'edit: kode layanan (atau persyaratan, dengan --service; atau unit, dengan --unit) yang dihapus dari draf.' },
    unit: { kind: 'boolean', description: 'edit: berkas (atau --remove) berisi satu unit penanganan: kode, nama, peran yang melayani.' },
    regulation: { kind: 'string', placeholder: 'TEKS', description: 'publish: peraturan yang menetapkan versi ini (dasar penetapan).' },
    effective: { kind: 'string', placeholder: 'YYYY-MM-DD', description: 'publish: tanggal mulai berlaku.' },
    note: { kind: 'string', placeholder: 'TEKS', description: 'edit/publish: catatan.' },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [
    { name: 'aksi', description: ACTIONS.join(' | '), required: false },
    { name: 'berkas', description: 'edit: berkas JSON (katalog, layanan, atau persyaratan).', required: false },
  ],
  examples: [
    'npm run cli -- catalogue',
    'npm run cli -- catalogue --json --data-dir ./.data/kasir1',
    `${PASSWORD_ENV}=... npm run cli -- catalogue draft --as kasubbag`,
    `${PASSWORD_ENV}=... npm run cli -- catalogue edit reset-password.json --as kasubbag`,
    `${PASSWORD_ENV}=... npm run cli -- catalogue edit surat-kuasa.json --service aktivasi_user_id --as kasubbag`,
    `${PASSWORD_ENV}=... npm run cli -- catalogue edit unit-pengaduan.json --unit --as kasubbag`,
    'npm run cli -- catalogue diff --json',
    `${PASSWORD_ENV}=... npm run cli -- catalogue publish --regulation "Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026" --effective 2027-01-01 --as kabag`,
  ],
  async run({ flags, positionals, dataDir, io }) {
    const [given, file] = positionals;
    const action = (given ?? 'show') as Action;
    if (!(ACTIONS as readonly string[]).includes(action)) throw new CliError(`Aksi tidak dikenal: ${given}. Pilihan: ${ACTIONS.join(', ')}.`, EXIT_USAGE);
    const allowed = ACTION_FLAGS[action];
    for (const name of ['version', 'as', 'service', 'remove', 'regulation', 'effective', 'note'] as const) {
      if (flags[name] !== undefined && !allowed.includes(name)) throw new CliError(`Opsi --${name} tidak berlaku untuk "catalogue ${action}".`, EXIT_USAGE);
    }
    if (flags.unit && action !== 'edit') throw new CliError(`Opsi --unit tidak berlaku untuk "catalogue ${action}".`, EXIT_USAGE);
    if (flags.unit && flags.service !== undefined) throw new CliError('Berikan --unit atau --service, tidak keduanya.', EXIT_USAGE);
    if (file !== undefined && action !== 'edit') throw new CliError(`"catalogue ${action}" tidak menerima berkas.`, EXIT_USAGE);
    const out = (value: unknown, text: string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : text);

    if (action === 'edit') {
      if (file === undefined && flags.remove === undefined) throw new CliError('Sebutkan berkas JSON yang berisi perubahan, atau --remove KODE.', EXIT_USAGE);
      if (file !== undefined && flags.remove !== undefined) throw new CliError('Berikan berkas atau --remove, tidak keduanya.', EXIT_USAGE);
    }
    if (action === 'publish') {
      if (!flags.regulation) throw new CliError('Opsi --regulation wajib diisi: peraturan yang menetapkan versi ini.', EXIT_USAGE);
      if (!flags.effective) throw new CliError('Opsi --effective wajib diisi: tanggal mulai berlaku (YYYY-MM-DD).', EXIT_USAGE);
      if (!isValidIsoDate(flags.effective)) throw new CliError(`Nilai --effective harus tanggal berformat YYYY-MM-DD, bukan "${flags.effective}".`, EXIT_USAGE);
    }
    // Read the edit before touching the database: a bad file changes nothing.
    const editFile = action === 'edit' && file !== undefined ? readJson(file) : null;

    const backend = await openExistingBackend(dataDir, io.now);
    try {
      const reader = () => operatorSession(backend, ['helpdesk']);
      switch (action) {
        case 'show': {
          const token = reader();
          const catalogue = flags.version !== undefined ? await callApi(backend, token, 'catalogue.get', { version: flags.version }) : await callApi(backend, token, 'catalogue.active', {});
          out(catalogue, catalogueTable(catalogue));
          return 0;
        }
        case 'versions': {
          const v = await callApi(backend, reader(), 'catalogue.versions', {});
          out(v, versionsText(v));
          return 0;
        }
        case 'diff': {
          const token = reader();
          const v = await callApi(backend, token, 'catalogue.versions', {});
          if (!v.draft) throw new CliError('Tidak ada draf katalog yang terbuka. Buat dengan "catalogue draft".');
          const inForce = await callApi(backend, token, 'catalogue.get', { version: v.inForce });
          const changes = diffCatalogues(inForce, v.draft.catalogue);
          out(
            { draftVersion: v.draft.catalogue.version, basedOn: v.draft.basedOn, inForce: v.inForce, changes },
            [`Draf versi ${v.draft.catalogue.version} dibandingkan dengan versi ${v.inForce} yang berlaku:`, ...changeLines(changes), ''].join('\n'),
          );
          return 0;
        }
        case 'draft': {
          const token = await signInHead(backend, flags.as, io, 'supervisor');
          const before = await callApi(backend, token, 'catalogue.versions', {});
          const v = await callApi(backend, token, 'catalogue.startDraft', {});
          const d = v.draft!;
          out(
            v,
            before.draft
              ? `Draf versi ${d.catalogue.version} sudah terbuka (salinan versi ${d.basedOn}); tidak ada yang diubah.\n`
              : `Draf versi ${d.catalogue.version} dibuat sebagai salinan versi ${d.basedOn} (${d.catalogue.services.length} layanan).\n`,
          );
          return 0;
        }
        case 'edit': {
          const token = await signInHead(backend, flags.as, io, 'supervisor');
          const v = await callApi(backend, token, 'catalogue.versions', {});
          if (!v.draft) throw new CliError('Tidak ada draf katalog yang terbuka. Buat dengan "catalogue draft" terlebih dahulu.');
          const next = applyEdit(v.draft.catalogue, { file: editFile, service: flags.service, remove: flags.remove, unit: flags.unit === true });
          const saved = await callApi(backend, token, 'catalogue.saveDraft', { catalogue: next, note: flags.note ?? v.draft.note ?? '' });
          out(saved, [`Draf versi ${saved.draft!.catalogue.version} disimpan. Perubahan terhadap versi ${saved.draft!.basedOn}:`, ...changeLines(saved.draft!.changes), ''].join('\n'));
          return 0;
        }
        case 'publish': {
          const token = await signInHead(backend, flags.as, io, 'kepala_bagian');
          const r = await callApi(backend, token, 'catalogue.publishDraft', { source: flags.regulation!, effectiveFrom: flags.effective!, note: flags.note ?? '' });
          out({ ...r, source: flags.regulation }, `Katalog versi ${r.version} ditetapkan (${flags.regulation}), berlaku mulai ${r.effectiveFrom}.\n`);
          return 0;
        }
        case 'discard': {
          const token = await signInHead(backend, flags.as, io, 'supervisor');
          const v = await callApi(backend, token, 'catalogue.discardDraft', {});
          out(v, 'Draf katalog dibuang.\n');
          return 0;
        }
      }
    } finally {
      await backend.close();
    }
  },
});
