/**
 * The personal-data notice (UU 27/2022 tentang Pelindungan Data Pribadi) printed on documents handed to
 * visitors: what is kept, why, on which legal basis, for how long, and who answers for it. Pure.
 */
import { sentence } from '../domain/sentence';

export interface PrivacyNoticeParts {
  title: string;
  body: string;
  officer: string;
}

export function privacyNotice(officeName: string, dpoName: string | null, dpoContact: string | null): PrivacyNoticeParts {
  return {
    title: 'Pemberitahuan Pelindungan Data Pribadi (UU Nomor 27 Tahun 2022)',
    body:
      `Untuk menyelenggarakan layanan ini, ${officeName} mencatat nama, NIK, nomor telepon dan e-mail pemohon, ` +
      'data perusahaan, serta dokumen persyaratan yang diserahkan. Dasar pemrosesan: pelaksanaan tugas pelayanan ' +
      'publik (Pasal 20 ayat (2) huruf e). Data digunakan untuk memproses permohonan, memantau jangka waktu layanan, ' +
      'dan menangani pengaduan; disimpan sesuai jadwal retensi arsip; dan tidak diberikan kepada pihak lain kecuali ' +
      'diwajibkan peraturan perundang-undangan. Pemohon berhak mengakses dan meminta perbaikan datanya melalui loket ini.',
    officer: dpoName
      ? sentence(`Pejabat Pelindungan Data Pribadi: ${dpoName}${dpoContact ? ` (${dpoContact})` : ''}`)
      : `Pejabat Pelindungan Data Pribadi: ditetapkan oleh ${officeName}; tanyakan di loket.`,
  };
}

/** The statement exports carry about the personal data they contain. */
export function exportPersonalDataStatement(opts: {
  personalData: boolean;
  officeName: string;
  dpoName: string | null;
  dpoContact: string | null;
}): string[] {
  const what = opts.personalData
    ? 'Berkas ini memuat DATA PRIBADI LENGKAP: nama pemohon, NIK, dan nomor telepon tanpa penyamaran, beserta nama perusahaan.'
    : 'Berkas ini memuat data pribadi terbatas: nama pemohon dan nama perusahaan; NIK dan nomor telepon disamarkan.';
  const dpo = opts.dpoName
    ? sentence(`Pejabat Pelindungan Data Pribadi: ${opts.dpoName}${opts.dpoContact ? ` (${opts.dpoContact})` : ''}`)
    : `Pejabat Pelindungan Data Pribadi: belum ditetapkan dalam Pengaturan Kantor (${opts.officeName}).`;
  return [
    what,
    'Data ini diproses untuk evaluasi pelayanan publik (UU Nomor 27 Tahun 2022 Pasal 20 ayat (2) huruf e). Simpan hanya selama diperlukan, jangan disebarluaskan, dan laporkan kehilangan berkas ini kepada Pejabat Pelindungan Data Pribadi dalam 3 × 24 jam.',
    dpo,
  ];
}
