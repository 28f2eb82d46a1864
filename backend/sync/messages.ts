/** What the sync status tells the people at the counter, in plain Indonesian. */
import type { SyncErrorCode } from './state';

export const REVOKED_MESSAGE = 'Perangkat ini tidak lagi terdaftar di server pusat. Hubungi supervisor untuk mendaftarkan ulang.';

export const SYNC_MESSAGES: Record<Exclude<SyncErrorCode, 'clock_behind' | 'rejected' | 'server_error' | 'refused'>, string> = {
  clock_ahead:
    'Server pusat menolak data dari komputer ini karena waktunya lebih dari 24 jam di depan jam server. Perbaiki tanggal dan jam komputer ini. Data tetap tersimpan dan dikirim setelah waktunya sesuai.',
  key_conflict:
    'Server pusat mengenal kunci tanda tangan lain untuk komputer ini. Hubungi admin server untuk mencabut perangkat ini, lalu daftarkan ulang dengan kode baru.',
  server_outdated: 'Server pusat belum diperbarui ke versi yang memeriksa tanda tangan data. Minta admin server memperbaruinya; data tetap tersimpan di komputer ini.',
  offline: 'Server pusat tidak dapat dihubungi. Data tetap tersimpan di komputer ini dan dikirim otomatis saat jaringan tersedia.',
  revoked: REVOKED_MESSAGE,
  protocol: 'Jawaban server pusat tidak dikenali. Periksa alamat server pada pengaturan sinkronisasi.',
  internal: 'Terjadi kesalahan saat sinkronisasi. Data tetap tersimpan di komputer ini; sinkronisasi dicoba lagi otomatis.',
};

export function serverErrorMessage(status: number | undefined): string {
  return `Server pusat sedang bermasalah${status ? ` (kode ${status})` : ''}. Data tetap tersimpan di komputer ini; sinkronisasi dicoba lagi otomatis.`;
}

export function rejectedMessage(serverMessage: string): string {
  return `Server pusat menolak permintaan perangkat ini: ${serverMessage} Hubungi admin sistem.`;
}

/** "3 jam 12 menit", "2 hari 4 jam", "45 detik". */
export function durationText(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} hari ${h} jam` : `${d} hari`;
  if (h > 0) return m > 0 ? `${h} jam ${m} menit` : `${h} jam`;
  if (m > 0) return `${m} menit`;
  return `${s} detik`;
}

export function clockBehindMessage(behindMs: number): string {
  return (
    `Jam komputer ini tertinggal ${durationText(behindMs)} dari server pusat, sehingga data dari komputer lain belum dapat diterapkan. ` +
    'Perbaiki tanggal dan jam komputer ini. Tidak ada data yang hilang: data diterapkan otomatis setelah jam benar.'
  );
}

export function clockWarning(offsetMs: number): string {
  const dir = offsetMs > 0 ? 'lebih lambat' : 'lebih cepat';
  return `Jam komputer ini ${dir} ${durationText(offsetMs)} dibandingkan server pusat. Perbaiki tanggal dan jam komputer agar waktu layanan tercatat dengan benar.`;
}

export function heldWarning(count: number): string {
  return (
    `${count} data dari komputer lain ditahan karena jam komputer pengirimnya lebih cepat lebih dari sehari. ` +
    'Data itu tersimpan dan diterapkan otomatis ketika waktunya tiba; periksa jam komputer pengirim.'
  );
}

export function refusedMessage(serverMessage: string): string {
  return `${serverMessage} Data ini tetap tersimpan di komputer ini. Hubungi admin sistem.`;
}

/** Progress of a long history arriving (issue 17), numbers formatted id-ID: "420.000 dari 1.000.000". */
export function historyProgress(received: number, total: number): string {
  const n = (x: number) => x.toLocaleString('id-ID');
  return `Mengunduh riwayat kantor: ${n(Math.min(received, total))} dari ${n(total)} catatan`;
}

export function quarantineWarning(count: number): string {
  return (
    `${count} data dari server pusat tidak diterapkan karena tanda tangan, asal, atau isinya tidak sah. ` +
    'Data itu disimpan terpisah dan dilaporkan kepada supervisor sebagai peringatan keamanan.'
  );
}
