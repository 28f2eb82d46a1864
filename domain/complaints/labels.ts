/**
 * The Indonesian words of complaints and suggestions, in one place for the screens, letters, report, CLI and
 * the public pages. Pure.
 */
import type { ComplaintStage } from '../aggregates/complaint';
import type { ComplaintChannel, ComplaintLetter } from '../events/complaint-events';

export const STAGE_LABEL: Record<ComplaintStage, string> = {
  received: 'Diterima',
  admin_check: 'Cek administrasi',
  complete: 'Lengkap',
  waiting_completeness: 'Tidak lengkap, menunggu kelengkapan',
  coordination: 'Koordinasi internal/eksternal',
  responded: 'Ditanggapi',
  closed: 'Selesai',
};

export const CHANNEL_LABEL: Record<ComplaintChannel, string> = {
  loket: 'Langsung di loket (surat tertulis)',
  kotak: 'Kotak pengaduan/saran',
  email: 'E-mail',
  telepon: 'Telepon/WhatsApp (dicatat petugas)',
  lapor: 'SP4N-LAPOR!',
  web: 'Formulir daring',
};

/** Short channel names for tables and counters. */
export const CHANNEL_SHORT: Record<ComplaintChannel, string> = {
  loket: 'Loket',
  kotak: 'Kotak',
  email: 'E-mail',
  telepon: 'Telepon/WA',
  lapor: 'SP4N-LAPOR!',
  web: 'Daring',
};

export const LETTER_LABEL: Record<ComplaintLetter, string> = {
  acknowledgement: 'Tanda Terima Pengaduan',
  completeness: 'Pemberitahuan Kelengkapan Pengaduan',
  response: 'Surat Tanggapan Pengaduan',
};

export const COORDINATION_LABEL = { internal: 'Koordinasi internal', external: 'Koordinasi eksternal' } as const;

export const LATE_FILING_LABEL = 'Melewati batas waktu pengaduan';

/** Fields of the complainant's record a staff correction can concern. */
export const CORRECTION_FIELDS: Record<string, string> = {
  name: 'Nama pengadu',
  address: 'Alamat',
  contact: 'Kontak',
  service: 'Layanan / kunjungan',
  serviceAt: 'Tanggal menerima layanan',
  text: 'Uraian pengaduan',
  loss: 'Kerugian',
  request: 'Permintaan penyelesaian',
  place: 'Tempat',
  other: 'Lainnya',
};
