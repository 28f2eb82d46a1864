/**
 * `db`: the safety of this PC's database (issue 15, docs/adr/0016-data-safety.md):
 *   db verify [--json]            re-fold every aggregate into a scratch copy and compare every projection
 *   db rebuild [--json]           rebuild the projections from the events (a checked backup is taken first)
 *   db backup [--json]            take a checked backup now
 *   db backups [--json]           list the backups
 *   db restore FILE [--apply] [--json]   what a restore from a backup would lose or regain; --apply restores
 *   db restore --from-server [--apply] [--json]   rebuild this PC from the server's log (keeps its identity)
 *   db undo-restore [--apply] [--json]   put back the database a restore set aside
 * Exit code 1 when verify finds differences or damage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { existingFileDatabaseKey } from '../../db/database-key';
import { DatabaseKeyError, openEitherWay } from '../../db/sqlite';
import { backupDatabase, backupDir, listBackups, type BackupManifest } from '../../db/backup';
import { DB_FILE_NAME, openDatabase } from '../../db/open';
import { keptFiles, replaceDatabaseFile, restorePreview } from '../../db/restore';
import { rebuildProjections, verifyDatabase, type VerifyReport } from '../../db/verify';
import { SCHEMA_VERSION } from '../../db/migrations';
import { restoreFromServer, serverRestorePreview, ServerRestoreError } from '../../backend/restore-from-server';
import { formatWita } from '../../domain/time/wita';
import { CliError, EXIT_USAGE, defineVerb } from '../verb';

function requireDatabase(dataDir: string): string {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) throw new CliError(`Folder data ${dataDir} belum berisi basis data aplikasi. Periksa --data-dir.`);
  if (fs.statSync(file).size === 0) throw new CliError(`Berkas basis data ${file} kosong (0 bita). Pulihkan dari cadangan: "db restore BERKAS --apply".`);
  return file;
}

function openReadOnly(file: string, key: Buffer | null): Database.Database {
  try {
    const db = openEitherWay(file, key, { readonly: true, fileMustExist: true });
    const v = Number(db.pragma('user_version', { simple: true }));
    if (v !== SCHEMA_VERSION) {
      db.close();
      throw new CliError(`Skema basis data versi ${v}, aplikasi ini ${SCHEMA_VERSION}. Jalankan aplikasi sekali agar basis data diperbarui, lalu ulangi.`);
    }
    return db;
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof DatabaseKeyError) throw new CliError(err.message);
    throw new CliError(`Berkas basis data ${file} tidak dapat dibaca: ${err instanceof Error ? err.message : String(err)}. Pulihkan dari cadangan.`);
  }
}

function verifyText(r: VerifyReport): string {
  const lines = [
    r.ok ? 'Basis data utuh: semua tabel turunan sesuai dengan catatan kejadian.' : 'Basis data TIDAK utuh.',
    `Pemeriksaan SQLite: ${r.integrity.join('; ')}`,
    `${r.events} kejadian, ${r.aggregates} agregat dilipat ulang, ${r.tables.length} tabel dibandingkan (${r.ms} md).`,
    ...r.differences.map((d) => `  ${d.table}: ${d.missing} baris kurang, ${d.extra} baris lebih/berbeda${d.examples.length ? ` (mis. ${d.examples.join(', ')})` : ''}`),
    ...r.unknown.map((t) => `  ${t}: jenis tabel yang belum dapat dibandingkan`),
  ];
  if (r.pending) {
    // Not damage: what the app's next start does (db/event-store.ts, finishStartupSteps); compared as if done.
    lines.push(
      `Menunggu langkah awal aplikasi (bukan kerusakan): ${r.pending.parkedEvents} kejadian tertunda dilipat ulang, ${r.pending.rejudgedAggregates} agregat dinilai ulang saat aplikasi dijalankan berikutnya; perbandingan di atas sudah memperhitungkannya.`,
    );
  }
  if (!r.ok && r.differences.length) lines.push('Perbaiki dengan "db rebuild" (salinan cadangan diambil lebih dulu).');
  return `${lines.join('\n')}\n`;
}

function backupLine(b: BackupManifest): string {
  return `${b.file}  ${formatWita(b.at)}  ${b.kind}  ${b.events} kejadian  ${(b.bytes / 1_048_576).toFixed(1)} MB${b.unsynced ? `  (${b.unsynced} belum terkirim ke server)` : ''}`;
}

export const dbVerb = defineVerb({
  name: 'db',
  summary: 'Keamanan basis data: periksa (verify), bangun ulang (rebuild), cadangkan (backup), pulihkan (restore).',
  description:
    'verify: semua agregat dilipat ulang dari catatan kejadian ke salinan sementara dan setiap tabel turunan dibandingkan ' +
    'baris demi baris; kode keluar 1 bila ada perbedaan atau kerusakan. rebuild: tabel turunan dibangun ulang dari catatan ' +
    'kejadian, setelah cadangan yang diperiksa diambil. backup: cadangan sekarang (cadangan daring SQLite, diperiksa). ' +
    'backups: daftar cadangan. restore BERKAS: tanpa --apply hanya menampilkan apa yang hilang atau kembali; dengan --apply ' +
    'basis data diganti dengan cadangan, basis data sekarang disimpan untuk dibatalkan (undo-restore). Nomor tanda terima ' +
    'tidak pernah diterbitkan ulang. Tutup aplikasi sebelum rebuild, restore, atau undo-restore.',
  flags: {
    apply: { kind: 'boolean', description: 'restore/undo-restore: lakukan (tanpa ini hanya pratinjau).' },
    'from-server': { kind: 'boolean', description: 'restore: ambil ulang seluruh data kantor dari server, bukan dari berkas cadangan.' },
    json: { kind: 'boolean', description: 'Cetak hasil sebagai JSON.' },
  },
  positionals: [
    { name: 'aksi', description: 'verify | rebuild | backup | backups | restore | undo-restore', required: true },
    { name: 'berkas', description: 'restore: nama berkas cadangan (dari "db backups") atau jalurnya.', required: false },
  ],
  examples: ['npm run cli -- db verify --json', 'npm run cli -- db rebuild', 'npm run cli -- db backups', 'npm run cli -- db restore counter-20261201-080000000Z-auto.sqlite --apply'],
  async run({ flags, positionals, dataDir, io }) {
    const [action, arg] = positionals;
    const print = (value: unknown, text: string) => io.stdout(flags.json ? `${JSON.stringify(value, null, 2)}\n` : text);
    if (arg && action !== 'restore') throw new CliError(`Perintah ${action} tidak menerima berkas.`, EXIT_USAGE);

    if (action === 'verify') {
      const sqlite = openReadOnly(requireDatabase(dataDir), existingFileDatabaseKey(dataDir));
      try {
        const r = await verifyDatabase(sqlite);
        print(r, verifyText(r));
        return r.ok ? 0 : 1;
      } finally {
        sqlite.close();
      }
    }

    if (action === 'rebuild') {
      requireDatabase(dataDir);
      const opened = await openDatabase(dataDir, { key: existingFileDatabaseKey(dataDir) });
      try {
        const copy = await backupDatabase(opened.sqlite, backupDir(dataDir), { kind: 'pre_rebuild', now: io.now() });
        const folded = await opened.db.transaction().execute((tx) => rebuildProjections(tx, opened.sqlite));
        const r = await verifyDatabase(opened.sqlite);
        print(
          { backup: copy.file, aggregates: folded.aggregates, events: folded.events, verify: r },
          `Salinan sebelum membangun ulang: ${copy.file}\n${folded.aggregates} agregat dibangun ulang dari ${folded.events} kejadian.\n${verifyText(r)}`,
        );
        return r.ok ? 0 : 1;
      } finally {
        await opened.close();
      }
    }

    if (action === 'backup') {
      requireDatabase(dataDir);
      const opened = await openDatabase(dataDir, { key: existingFileDatabaseKey(dataDir) });
      try {
        const m = await backupDatabase(opened.sqlite, backupDir(dataDir), { kind: 'manual', now: io.now() });
        print(m, `Cadangan dibuat dan diperiksa: ${backupLine(m)}\n`);
        return 0;
      } finally {
        await opened.close();
      }
    }

    if (action === 'backups') {
      const list = listBackups(backupDir(dataDir));
      print({ dir: backupDir(dataDir), backups: list }, list.length ? `${list.map(backupLine).join('\n')}\n` : 'Belum ada cadangan.\n');
      return 0;
    }

    if (action === 'restore' && flags['from-server']) {
      if (arg) throw new CliError('Sebutkan berkas cadangan ATAU --from-server, tidak keduanya.', EXIT_USAGE);
      const key = existingFileDatabaseKey(dataDir);
      let preview;
      try {
        preview = serverRestorePreview(dataDir, key);
      } catch (err) {
        if (err instanceof ServerRestoreError) throw new CliError(err.message);
        throw err;
      }
      const text = [
        `Ambil ulang dari server ${preview.serverUrl ?? ''}: seluruh catatan kantor di server diambil ke basis data baru; identitas komputer ini tetap.`,
        preview.lost === null
          ? 'Basis data sekarang tidak dapat dibaca; kejadian yang belum terkirim tidak dapat dihitung.'
          : `${preview.lost} kejadian di komputer ini belum pernah terkirim ke server dan tidak kembali (tetap tersimpan dalam berkas yang disisihkan).`,
        ...(preview.lostReceipts.length ? [`Tanda terima yang tidak kembali: ${preview.lostReceipts.join(', ')} (nomornya tidak akan diterbitkan ulang).`] : []),
      ];
      if (!flags.apply) {
        print({ fromServer: true, preview, applied: false }, `${[...text, 'Pratinjau: tidak ada yang diubah. Tambahkan --apply untuk mengambil ulang.'].join('\n')}\n`);
        return 0;
      }
      try {
        const r = await restoreFromServer(dataDir, { key, now: io.now });
        print(
          { fromServer: true, preview, applied: true, events: r.events, kept: r.kept, floors: r.floors },
          `${[...text, `Diambil ulang: ${r.events} kejadian. Basis data sebelumnya disimpan di ${r.kept} (batalkan dengan "db undo-restore --apply").`].join('\n')}\n`,
        );
      } catch (err) {
        if (err instanceof ServerRestoreError) throw new CliError(err.message);
        throw err;
      }
      return 0;
    }

    if (action === 'restore') {
      if (!arg) throw new CliError('Sebutkan berkas cadangan, mis. "db restore counter-…-auto.sqlite". Lihat "db backups".', EXIT_USAGE);
      const source = fs.existsSync(arg) ? path.resolve(arg) : path.join(backupDir(dataDir), arg);
      if (!fs.existsSync(source)) throw new CliError(`Berkas cadangan tidak ditemukan: ${arg}.`);
      // The backup must be sound before anything is touched.
      const key = existingFileDatabaseKey(dataDir);
      const check = openReadOnly(source, key);
      let facts: { events: number; integrity: string[] };
      try {
        facts = {
          events: (check.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
          integrity: (check.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
        };
      } finally {
        check.close();
      }
      if (!(facts.integrity.length === 1 && facts.integrity[0] === 'ok')) throw new CliError(`Berkas cadangan ${arg} rusak (${facts.integrity.slice(0, 2).join('; ')}). Pilih cadangan lain.`);
      const file = path.join(dataDir, DB_FILE_NAME);
      let preview = null;
      if (fs.existsSync(file) && fs.statSync(file).size > 0) {
        try {
          const cur = openEitherWay(file, key, { readonly: true, fileMustExist: true });
          try {
            preview = restorePreview(cur, source);
          } finally {
            cur.close();
          }
        } catch {
          preview = null; // the current file cannot be read: nothing in it can be counted
        }
      }
      const text = [
        `Cadangan: ${path.basename(source)} (${facts.events} kejadian).`,
        preview
          ? `Basis data sekarang memiliki ${preview.newerHere} kejadian yang tidak ada di cadangan: ${preview.regainedFromServer} sudah ada di server dan kembali pada sinkronisasi berikutnya; ${preview.lost} belum pernah terkirim dan tidak kembali (tetap tersimpan dalam berkas yang disisihkan).`
          : 'Basis data sekarang tidak dapat dibaca; isinya tidak dapat dihitung.',
        ...(preview?.lostReceipts.length ? [`Tanda terima yang tidak kembali: ${preview.lostReceipts.join(', ')} (nomornya tidak akan diterbitkan ulang).`] : []),
      ];
      if (!flags.apply) {
        print({ source, events: facts.events, preview, applied: false }, `${[...text, 'Pratinjau: tidak ada yang diubah. Tambahkan --apply untuk memulihkan.'].join('\n')}\n`);
        return 0;
      }
      const r = replaceDatabaseFile(dataDir, file, source, io.now(), key);
      print({ source, events: facts.events, preview, applied: true, kept: r.kept }, `${[...text, `Dipulihkan. Basis data sebelumnya disimpan di ${r.kept} (batalkan dengan "db undo-restore --apply").`].join('\n')}\n`);
      return 0;
    }

    if (action === 'undo-restore') {
      const kept = keptFiles(dataDir)[0];
      if (!kept) throw new CliError('Tidak ada basis data yang disisihkan oleh pemulihan.');
      if (!flags.apply) {
        print({ kept, applied: false }, `Akan dikembalikan: ${kept}.\nPratinjau: tidak ada yang diubah. Tambahkan --apply.\n`);
        return 0;
      }
      const r = replaceDatabaseFile(dataDir, path.join(dataDir, DB_FILE_NAME), kept, io.now(), existingFileDatabaseKey(dataDir));
      fs.rmSync(kept, { force: true });
      for (const ext of ['-wal', '-shm']) fs.rmSync(kept + ext, { force: true });
      print({ kept, applied: true, setAside: r.kept }, `Pemulihan dibatalkan: basis data sebelumnya dikembalikan. Basis data hasil pemulihan disimpan di ${r.kept}.\n`);
      return 0;
    }

    throw new CliError(`Aksi tidak dikenal: ${action ?? ''}. Gunakan verify, rebuild, backup, backups, restore, atau undo-restore.`, EXIT_USAGE);
  },
});
