/**
 * Issue 14, item 1 from the command line: `catalogue draft | edit | diff | publish` through runCli, on a real
 * data folder; an invalid draft is refused with the service and field named (Indonesian), exit code 1, and
 * nothing is recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import { witaDateTimeToMs } from '../../domain/time/wita';
import { resetPasswordService } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lpse-cli-catalogue-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let now = witaDateTimeToMs('2026-12-01', '10:00');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => now });
  return { code, stdout, stderr };
}

function eventCount(dir: string): number {
  const db = new Database(path.join(dir, 'counter.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

describe('cli: catalogue draft, edit, diff, publish', () => {
  const dir = path.join(tmp, 'data');
  const kasubbag = { LPSE_PASSWORD: 'kasubbag-2026' };
  const kabag = { LPSE_PASSWORD: 'kabag-sandi-2026' };

  it('the Kasubbag drafts and edits from JSON files, invalid edits are refused with the field named, the Kepala Bagian publishes for a later date', async () => {
    expect((await cli(['users', 'add', '--username', 'kasubbag', '--name', 'Kepala Sub Bagian', '--roles', 'kepala_subbagian', '--data-dir', dir], { LPSE_NEW_PASSWORD: kasubbag.LPSE_PASSWORD })).code).toBe(0);
    // The first account holds both heads' roles; add the Kepala Bagian, then leave the Kasubbag only its own.
    expect((await cli(['users', 'add', '--username', 'kabag', '--name', 'Kepala Bagian', '--roles', 'kepala_bagian', '--as', 'kasubbag', '--data-dir', dir], { ...kasubbag, LPSE_NEW_PASSWORD: kabag.LPSE_PASSWORD })).code).toBe(0);
    expect((await cli(['users', 'add', '--username', 'staf', '--name', 'Staf Helpdesk', '--roles', 'helpdesk', '--as', 'kasubbag', '--data-dir', dir], { ...kasubbag, LPSE_NEW_PASSWORD: 'staf-sandi-2026' })).code).toBe(0);

    // Nothing to compare before a draft exists.
    const noDraft = await cli(['catalogue', 'diff', '--data-dir', dir]);
    expect(noDraft.code).toBe(1);
    expect(noDraft.stderr).toContain('Tidak ada draf katalog yang terbuka');

    // Only the heads draft.
    const staff = await cli(['catalogue', 'draft', '--as', 'staf', '--data-dir', dir], { LPSE_PASSWORD: 'staf-sandi-2026' });
    expect(staff.code).toBe(1);
    expect(staff.stderr).toContain('bukan Kepala Bagian atau Kepala Sub Bagian');

    const draft = await cli(['catalogue', 'draft', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toBe('Draf versi 2 dibuat sebagai salinan versi 1 (7 layanan).\n');

    // A new service from a JSON file.
    const reset = resetPasswordService(PERWALI_67_2018);
    const added = await cli(['catalogue', 'edit', writeJson('reset.json', reset), '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('+ Reset Password User ID (reset_password_user_id): layanan baru');

    // One requirement of service 1 replaced from a JSON file (by its code).
    const ktp = PERWALI_67_2018.services[0]!.requirements.find((r) => r.code === 'ktp_direktur')!;
    const req = await cli(['catalogue', 'edit', writeJson('ktp.json', { ...ktp, label: 'KTP Direktur/Pimpinan' }), '--service', 'aktivasi_user_id', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(req.code, req.stderr).toBe(0);
    expect(req.stdout).toContain('~ Pelayanan Aktivasi User ID Penyedia Barang/Jasa (aktivasi_user_id): diubah — Persyaratan');

    // Invalid drafts: refused with the service and field named, exit code 1, nothing recorded.
    const before = eventCount(dir);
    const invalid: [string, unknown, string[], RegExp][] = [
      ['zero.json', { ...reset, timeLimit: { ...reset.timeLimit, amount: 0 } }, [], /Layanan 8 \(Reset Password User ID\), Jangka waktu: harus lebih dari 0\./],
      ['noreq.json', { ...reset, requirements: [] }, [], /Layanan 8 \(Reset Password User ID\), Persyaratan: minimal satu persyaratan\./],
      ['dup.json', { services: [...PERWALI_67_2018.services, { ...reset, code: 'aktivasi_user_id' }] }, [], /Kode layanan "aktivasi_user_id" ganda/],
      ['badreq.json', { ...ktp, label: '' }, ['--service', 'aktivasi_user_id'], /Layanan 1 \(Pelayanan Aktivasi User ID[^)]*\), persyaratan ke-\d+ \(nama dokumen\): wajib diisi\./],
    ];
    for (const [name, body, extra, message] of invalid) {
      const r = await cli(['catalogue', 'edit', writeJson(name, body), ...extra, '--as', 'kasubbag', '--data-dir', dir], kasubbag);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr.startsWith('Kesalahan: ')).toBe(true);
    }
    const notJson = path.join(tmp, 'rusak.json');
    fs.writeFileSync(notJson, '{ "code": ');
    const broken = await cli(['catalogue', 'edit', notJson, '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('bukan JSON yang valid');
    const unknown = await cli(['catalogue', 'edit', writeJson('x.json', ktp), '--service', 'tidak_ada', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Layanan dengan kode "tidak_ada" tidak ada dalam draf');
    expect(eventCount(dir)).toBe(before);

    // The difference against the version in force, as JSON with stable fields.
    const diff = await cli(['catalogue', 'diff', '--json', '--data-dir', dir]);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toEqual({
      draftVersion: 2,
      basedOn: 1,
      inForce: 1,
      changes: [
        { code: 'aktivasi_user_id', name: PERWALI_67_2018.services[0]!.name, kind: 'changed', fields: ['Persyaratan'] },
        { code: 'reset_password_user_id', name: 'Reset Password User ID', kind: 'added', fields: [] },
      ],
    });

    // A new handling unit (issue 14, ADR 0027): a service naming it before it exists is refused with the field
    // named; added with --unit, the service may name it; a unit still named by a service cannot be removed.
    const unitFile = writeJson('unit.json', { code: 'unit_layanan_pengaduan', name: 'Unit Layanan Pengaduan', roles: ['verifier'] });
    const toUnit = writeJson('reset-unit.json', { ...reset, handlerRole: 'unit_layanan_pengaduan' });
    const early = await cli(['catalogue', 'edit', toUnit, '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('Layanan 8 (Reset Password User ID), Ditangani oleh (unit penanganan): unit penanganan "unit_layanan_pengaduan" tidak dikenal');
    const withUnit = await cli(['catalogue', 'edit', unitFile, '--unit', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(withUnit.code, withUnit.stderr).toBe(0);
    expect(withUnit.stdout).toContain('+ Unit penanganan Unit Layanan Pengaduan (unit_layanan_pengaduan): unit baru');
    expect((await cli(['catalogue', 'edit', toUnit, '--as', 'kasubbag', '--data-dir', dir], kasubbag)).code).toBe(0);
    const stillUsed = await cli(['catalogue', 'edit', '--remove', 'unit_layanan_pengaduan', '--unit', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(stillUsed.code).toBe(1);
    expect(stillUsed.stderr).toContain('tidak dikenal dalam versi ini');
    const unitWithService = await cli(['catalogue', 'edit', unitFile, '--unit', '--service', 'aktivasi_user_id', '--as', 'kasubbag', '--data-dir', dir], kasubbag);
    expect(unitWithService.code).toBe(2);

    // Publishing: the Kepala Bagian only, with the regulation and a date not in the past.
    const regulation = 'Peraturan Walikota Banjarmasin Nomor 12 Tahun 2026';
    const usage = await cli(['catalogue', 'publish', '--effective', '2027-01-01', '--as', 'kabag', '--data-dir', dir], kabag);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--regulation wajib diisi');
    const badDate = await cli(['catalogue', 'publish', '--regulation', regulation, '--effective', '2027-02-30', '--as', 'kabag', '--data-dir', dir], kabag);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('YYYY-MM-DD');
    // Publishing is the Kepala Bagian's (Perwali 67/2018): a staff account is refused before anything is sent.
    const notKabag = await cli(['catalogue', 'publish', '--regulation', regulation, '--effective', '2027-01-01', '--as', 'staf', '--data-dir', dir], { LPSE_PASSWORD: 'staf-sandi-2026' });
    expect(notKabag.code).toBe(1);
    expect(notKabag.stderr).toContain('bukan Kepala Bagian');
    const past = await cli(['catalogue', 'publish', '--regulation', regulation, '--effective', '2026-11-30', '--as', 'kabag', '--data-dir', dir], kabag);
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('Tanggal berlaku tidak boleh sebelum hari ini');

    const published = await cli(['catalogue', 'publish', '--regulation', regulation, '--effective', '2027-01-01', '--as', 'kabag', '--json', '--data-dir', dir], kabag);
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toEqual({ version: 2, effectiveFrom: '2027-01-01', source: regulation });

    // Before 1 January 2027 version 1 is still the one shown; from that day version 2.
    const versions = JSON.parse((await cli(['catalogue', 'versions', '--json', '--data-dir', dir])).stdout) as { inForce: number; draft: unknown; versions: { version: number; state: string }[] };
    expect(versions.inForce).toBe(1);
    expect(versions.draft).toBeNull();
    expect(versions.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    expect((JSON.parse((await cli(['catalogue', '--json', '--data-dir', dir])).stdout) as Catalogue).version).toBe(1);
    now = witaDateTimeToMs('2027-01-04', '08:00');
    const after = JSON.parse((await cli(['catalogue', 'show', '--json', '--data-dir', dir])).stdout) as Catalogue;
    expect(after.version).toBe(2);
    expect(after.source).toBe(regulation);
    const s8 = after.services.find((s) => s.code === 'reset_password_user_id') as ServiceDefinition;
    expect(s8.requirements.map((r) => r.code)).toEqual(['surat_permohonan']);
    expect(after.services[0]!.requirements.find((r) => r.code === 'ktp_direktur')!.label).toBe('KTP Direktur/Pimpinan');
    expect(s8.handlerRole).toBe('unit_layanan_pengaduan');
    const table = (await cli(['catalogue', '--data-dir', dir])).stdout;
    expect(table).toMatch(/Reset Password User ID\s+30 menit\s+1\s+Unit Layanan Pengaduan\s+aktif/);
    expect(table).toContain('Unit Layanan Pengaduan (unit_layanan_pengaduan; dilayani verifikator)');
    const v1 = JSON.parse((await cli(['catalogue', 'show', '--version', '1', '--json', '--data-dir', dir])).stdout) as Catalogue;
    expect(v1.services).toHaveLength(7);
  });

  it('refuses flags that do not belong to the action, before opening any data', async () => {
    const never = path.join(tmp, 'never');
    const bad: [string[], RegExp][] = [
      [['catalogue', 'hapus'], /Aksi tidak dikenal: hapus/],
      [['catalogue', 'diff', '--regulation', 'x'], /--regulation tidak berlaku untuk "catalogue diff"/],
      [['catalogue', 'show', 'berkas.json'], /tidak menerima berkas/],
      [['catalogue', 'edit', '--as', 'kasubbag'], /Sebutkan berkas JSON/],
    ];
    for (const [args, message] of bad) {
      const r = await cli([...args, '--data-dir', never]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.existsSync(never)).toBe(false);
  });
});
