/**
 * Service catalogue version 1: transcription of the Lampiran of Peraturan Walikota Banjarmasin Nomor 67
 * Tahun 2018 (Standar Pelayanan pada Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin).
 *
 * Transcription rules:
 * - The regulation's Indonesian wording is kept. OCR errors are fixed ("User 1D" → "User ID", "Agregesi" →
 *   "Agregasi", "S." → "5.", "olech" → "oleh", "perusahan" → "perusahaan", "berlakuy" → "berlaku",
 *   "Ipse.banjarmasinkota.go.id" → "lpse.banjarmasinkota.go.id", "JI." → "Jl.", "Kkendala" → "kendala"),
 *   and so are the obvious spelling slips of the original ("diatas" → "di atas", "dimasukan" →
 *   "dimasukkan", "proseses" → "proses", "penonaktifkan" → "penonaktifan", "user id" → "User ID").
 *   The regulation's own word choices are kept even where they are non-standard ("Ijin", "Standard").
 * - Numbered items keep the regulation's order. List items end with a full stop (the original mixes
 *   ";" and "." at random).
 * - Each administrative requirement is split into the separate documents the helpdesk ticks one by one;
 *   the same document has the same code in every service.
 *
 * Pure data, no I/O.
 */
import type { ComplaintHandling, RequirementItem, ServiceDefinition, Catalogue, TimeLimit } from './types';

// ---------------------------------------------------------------------------------------------------------
// Requirement items shared by several services
// ---------------------------------------------------------------------------------------------------------

/** Common opening of requirement "Dokumen perusahaan ..." (services 1–6). */
const DOKUMEN_PERUSAHAAN =
  'Dokumen perusahaan (yang masih berlaku) dibawa pada saat registrasi terdiri dari asli dan copy';

/**
 * One of the company documents of the "Dokumen perusahaan (yang masih berlaku) ... asli dan copy" requirement:
 * the original is shown and given back, a copy is kept in the file.
 */
function dokumenPerusahaan(code: string, label: string, document: string, mustBeValid: boolean): RequirementItem {
  return {
    code,
    label,
    description: `${DOKUMEN_PERUSAHAAN}: ${document}.`,
    original: 'show',
    copyRequired: true,
    mustBeValid,
    needsMeterai: false,
    proxyOnly: false,
    signedByLeader: false,
  };
}

/*
 * Validity ("yang masih berlaku"). `mustBeValid` means the helpdesk records a valid-until date, so it is set
 * only for documents that carry an expiry date:
 * - KTP Direktur: false. An e-KTP of an Indonesian citizen is valid for life (UU 24/2013 Pasal 64 ayat 7),
 *   so there is no date to record; the helpdesk still checks that it is the director named in the akta.
 * - NPWP: false. An NPWP has no expiry date; a company whose NPWP changed uses service 4.
 * - SIUP/SIUJK/Izin Usaha: true. Business licences expire or must be renewed / re-registered, and the
 *   regulation requires the one "yang masih berlaku".
 * - Akta Pendirian: false. A deed of establishment does not expire.
 * - Akta Perubahan terakhir: false. A deed does not expire either; what the regulation requires is the
 *   *latest* amendment, which is a check of content (stated in the label/description), not a date.
 */
const KTP_DIREKTUR = dokumenPerusahaan('ktp_direktur', 'KTP Direktur', 'KTP Direktur', false);
const NPWP_PERUSAHAAN = dokumenPerusahaan('npwp_perusahaan', 'NPWP Perusahaan', 'NPWP', false);
const IZIN_USAHA = dokumenPerusahaan(
  'izin_usaha',
  'SIUP/SIUJK/Izin Usaha',
  'SIUP/SIUJK/Ijin untuk menjalankan kegiatan/usaha sesuai ketentuan peraturan perundang-undangan yang berlaku',
  true,
);
const AKTA_PENDIRIAN = dokumenPerusahaan(
  'akta_pendirian',
  'Akta Pendirian Perusahaan',
  'Akta Pendirian Perusahaan',
  false,
);
const AKTA_PERUBAHAN_TERAKHIR = dokumenPerusahaan(
  'akta_perubahan_terakhir',
  'Akta Perubahan Terakhir',
  'Akta Perubahan terakhir',
  false,
);

/**
 * The company documents with a business licence (services 1, 3, 4, 5, 6). Every service gets its own copies
 * of the item objects, so that editing one service's checklist never changes another's.
 */
function dokumenPerusahaanLengkap(): RequirementItem[] {
  return [KTP_DIREKTUR, NPWP_PERUSAHAAN, IZIN_USAHA, AKTA_PENDIRIAN, AKTA_PERUBAHAN_TERAKHIR].map((i) => ({ ...i }));
}

/** The company documents without a business licence (service 2: "KTP Direktur, NPWP, Akta ..."). */
function dokumenPerusahaanTanpaIzin(): RequirementItem[] {
  return [KTP_DIREKTUR, NPWP_PERUSAHAAN, AKTA_PENDIRIAN, AKTA_PERUBAHAN_TERAKHIR].map((i) => ({ ...i }));
}

/** "Surat permohonan diajukan secara online, dicetak, ditandatangani pimpinan perusahaan ..." (services 2–7). */
function suratPermohonan(): RequirementItem {
  return {
    code: 'surat_permohonan',
    label: 'Surat Permohonan',
    description:
      'Surat permohonan diajukan secara online, dicetak, ditandatangani pimpinan perusahaan dan dibawa saat mengajukan proses.',
    original: 'submit',
    copyRequired: false,
    mustBeValid: false,
    needsMeterai: false,
    proxyOnly: false,
    signedByLeader: true,
  };
}

/**
 * Power of attorney, needed only when someone other than the company leader comes. Services 4, 5 and 6 say
 * "Surat Kuasa dibuat di atas kertas ...", services 1, 2 and 3 "Surat Kuasa di atas kertas ...".
 */
function suratKuasa(dibuat: boolean): RequirementItem {
  return {
    code: 'surat_kuasa',
    label: 'Surat Kuasa',
    description:
      'Jika yang datang selain pimpinan perusahaan harus membawa Surat Kuasa ' +
      (dibuat ? 'dibuat ' : '') +
      'di atas kertas berkop perusahaan, ditandatangani pimpinan perusahaan, dicap dan bermaterai.',
    original: 'submit',
    copyRequired: false,
    mustBeValid: false,
    needsMeterai: true,
    proxyOnly: true,
    signedByLeader: true,
  };
}

/** The folder the copies and the request go in; the wording differs per service, so it is passed in. */
function mapBerkas(description: string): RequirementItem {
  return {
    code: 'map_berkas',
    label: 'Map Berkas',
    description,
    original: 'none',
    copyRequired: false,
    mustBeValid: false,
    needsMeterai: false,
    proxyOnly: false,
    signedByLeader: false,
  };
}

const MAP_COPY_DAN_BERKAS = 'Copy dan berkas permohonan di atas dimasukkan dalam map.'; // services 1, 2, 3
const MAP_BERKAS = 'Berkas permohonan di atas dimasukkan dalam map.'; // services 5, 6
const MAP_BERKAS_SAMPUL = 'Berkas permohonan di atas dimasukkan dalam map dan diberi sampul.'; // service 4

/** Service 1, requirement 1: "Form pendaftaran dan formulir keikutsertaan ..." split into its two forms. */
function formulirAktivasi(code: string, label: string, form: string): RequirementItem {
  return {
    code,
    label,
    description: `${form} (download di website LPSE), dicetak dan ditandatangani pimpinan perusahaan.`,
    original: 'submit',
    copyRequired: false,
    mustBeValid: false,
    needsMeterai: false,
    proxyOnly: false,
    signedByLeader: true,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Procedure steps shared by several services
// ---------------------------------------------------------------------------------------------------------

const DATANG_KE_LPSE =
  'Pemohon datang ke LPSE Kota Banjarmasin dengan membawa kelengkapan persyaratan administrasi yang diperlukan.';
const ISI_BUKU_TAMU =
  'Pemohon mengisi buku tamu yang disediakan oleh helpdesk, dan menyerahkan semua persyaratan administrasi yang diperlukan.';
const HELPDESK_PERIKSA_BERKAS = 'Helpdesk menerima dan memeriksa kelengkapan berkas permohonan.';
const SERAHKAN_KE_VERIFIKATOR =
  'Apabila berkas permohonan lengkap, benar dan valid, maka helpdesk akan menyerahkan berkas ke verifikator.';
const BERKAS_DIKEMBALIKAN =
  'Apabila berkas tidak lengkap, maka berkas dikembalikan dan meminta Pemohon untuk melengkapi berkas.';

/** Steps 1–5 of services 2–6 (and steps 6–10 of service 1). */
const PROSEDUR_LOKET_VERIFIKATOR: readonly string[] = [
  DATANG_KE_LPSE,
  ISI_BUKU_TAMU,
  HELPDESK_PERIKSA_BERKAS,
  SERAHKAN_KE_VERIFIKATOR,
  BERKAS_DIKEMBALIKAN,
];

// ---------------------------------------------------------------------------------------------------------
// Components identical in all seven services
// ---------------------------------------------------------------------------------------------------------

/** "Penanganan Pengaduan, Saran dan Masukan" (same text in all seven services) with Pasal 8 ayat (3) and (5). */
const COMPLAINT_HANDLING: ComplaintHandling = {
  channel:
    'Pengaduan disampaikan secara tertulis dengan memuat identitas lengkap dan materi pengaduan melalui datang ' +
    'langsung ke: Bagian Layanan Pengadaan Setdako Banjarmasin, Verifikator LPSE, Jl. RE. Martadinata No. 1 ' +
    'Gedung Blok E Lt. Dasar Banjarmasin.',
  stages: ['Cek administrasi', 'Koordinasi internal/eksternal'],
  responseWorkingDays: 6,
  completenessWorkingDays: 3,
  lodgeWithinDays: 30,
  notes: ['Penyelesaian pengaduan sesuai dengan kondisi dan permasalahan yang ada.'],
};

/** "Dasar Hukum" (same list in all seven services). */
const LEGAL_BASIS: readonly string[] = [
  'UU No. 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik.',
  'Peraturan Pemerintah No. 82 tahun 2012 tentang Penyelenggaraan Sistem dan Transaksi Elektronik.',
  'Peraturan Presiden No. 16 tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah.',
  'Peraturan Menteri Dalam Negeri No. 52 Tahun 2011 tentang Standard Operasional Prosedur di lingkungan Provinsi dan Kabupaten/Kota.',
  'Peraturan Lembaga Kebijakan Pengadaan Barang/jasa Pemerintah No. 14 tahun 2018 tentang Unit Kerja Pengadaan Barang/Jasa.',
];

const KASUBBAG_LPSE = 'Kasubbag Layanan Pengadaan Secara Elektronik';
/** "Kompetensi Pelaksana" of services 1–6. */
const STAFF_VERIFIKASI: readonly string[] = [KASUBBAG_LPSE, 'Petugas Verifikator', 'Petugas Helpdesk'];
/** "Kompetensi Pelaksana" of service 7: Admin Sistem instead of the verifier. */
const STAFF_ADMIN_SISTEM: readonly string[] = [KASUBBAG_LPSE, 'Petugas Helpdesk', 'Admin Sistem'];

/** "Jaminan Pelayanan" points 1–3 of services 1–6. */
const JAMINAN_UMUM: readonly string[] = [
  'Diwujudkan dengan kepastian persyaratan, prosedur dan didukung oleh SDM yang berkompeten di bidang tugasnya.',
  'Adanya jaminan bebas dari praktek KKN.',
  'Tidak diskriminatif.',
];

const SECURITY_GUARANTEE = 'Kerahasiaan data pengguna tetap terjaga.';
const FEE = 'Gratis';

/**
 * 30 minutes. Services 3, 4 and 5 repeat the limit in their "Jaminan Pelayanan" with the condition
 * "Jika tidak ada gangguan internet, ...", and service 1 says the duration depends on the difficulty and
 * coordination; those sentences are kept as notes.
 */
function tigaPuluhMenit(notes: string[]): TimeLimit {
  return { amount: 30, unit: 'minutes', text: '30 menit', notes, externalWaitExcluded: false };
}

const JAMINAN_LAMA_PROSES =
  'Lama proses penyelesaian tergantung tingkat kesulitan dan koordinasi dengan instansi terkait.';
const JAMINAN_EMAIL = 'Jika tidak ada gangguan internet, perubahan e-mail paling lama 30 menit.';
const JAMINAN_STATUS = 'Jika tidak ada gangguan internet, perubahan status paling lama 30 menit.';
const JAMINAN_NPWP = 'Jika tidak ada gangguan internet, perubahan NPWP paling lama 30 menit.';
const JAMINAN_NON_AKTIF = 'Jika tidak ada gangguan internet, layanan non aktif User ID paling lama 30 menit.';

/** The parts that are the same for every service of this regulation. */
function common(): Pick<
  ServiceDefinition,
  'fee' | 'complaintHandling' | 'legalBasis' | 'securityGuarantee' | 'active'
> {
  return {
    fee: FEE,
    complaintHandling: { ...COMPLAINT_HANDLING, stages: [...COMPLAINT_HANDLING.stages], notes: [...COMPLAINT_HANDLING.notes] },
    legalBasis: [...LEGAL_BASIS],
    securityGuarantee: SECURITY_GUARANTEE,
    active: true,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The seven services of the Lampiran
// ---------------------------------------------------------------------------------------------------------

const AKTIVASI_USER_ID: ServiceDefinition = {
  code: 'aktivasi_user_id',
  number: 1,
  name: 'Pelayanan Aktivasi User ID Penyedia Barang/Jasa',
  shortName: 'Aktivasi User ID',
  requirements: [
    formulirAktivasi('formulir_pendaftaran', 'Form Pendaftaran', 'Form pendaftaran'),
    formulirAktivasi('formulir_keikutsertaan', 'Formulir Keikutsertaan', 'Formulir keikutsertaan'),
    ...dokumenPerusahaanLengkap(),
    mapBerkas(MAP_COPY_DAN_BERKAS),
    suratKuasa(false),
  ],
  procedure: [
    'Pemohon mendaftar di web LPSE (lpse.banjarmasinkota.go.id) dengan cara mengisikan email pada isian pendaftaran.',
    'Pemohon login ke email yang sudah didaftarkan di website LPSE.',
    'Pemohon mendownload 2 file kelengkapan administrasi pendaftaran pada attachment email serta mengklik link (tautan) formulir pendaftaran yang dikirimkan ke dalam email.',
    'Pemohon mengisi isian data perusahaan pada link isian yang tersedia.',
    'Pemohon menunggu konfirmasi melalui email, yang berisi pemberitahuan untuk melakukan verifikasi berkas ke LPSE.',
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan mengaktifkan User ID agar bisa digunakan login di LPSE.',
  ],
  timeLimit: tigaPuluhMenit([JAMINAN_LAMA_PROSES]),
  product: 'Jasa Layanan Aktivasi User ID Penyedia Barang/Jasa',
  handlerRole: 'verifier',
  serviceGuarantee: [...JAMINAN_UMUM, JAMINAN_LAMA_PROSES],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const PERUBAHAN_EMAIL: ServiceDefinition = {
  code: 'perubahan_email',
  number: 2,
  // The Lampiran heading of service 2 has no "Pelayanan" ("2. PERUBAHAN E-MAIL PENYEDIA BARANG/JASA").
  name: 'Perubahan E-mail Penyedia Barang/Jasa',
  shortName: 'Perubahan E-mail',
  requirements: [
    suratPermohonan(),
    suratKuasa(false),
    ...dokumenPerusahaanTanpaIzin(),
    mapBerkas(MAP_COPY_DAN_BERKAS),
  ],
  procedure: [
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan melakukan perubahan e-mail Penyedia Barang/Jasa yang terdaftar di LPSE.',
  ],
  timeLimit: {
    amount: 1,
    unit: 'working_days',
    text: '1 hari kerja',
    notes: [JAMINAN_EMAIL],
    externalWaitExcluded: false,
  },
  product: 'Jasa Perubahan e-mail Penyedia Barang/Jasa',
  handlerRole: 'verifier',
  serviceGuarantee: [...JAMINAN_UMUM, JAMINAN_EMAIL],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const PERUBAHAN_STATUS_CV_PT: ServiceDefinition = {
  code: 'perubahan_status_cv_pt',
  number: 3,
  name: 'Pelayanan Perubahan Status Perusahaan dari CV ke PT',
  shortName: 'Perubahan CV ke PT',
  requirements: [
    suratPermohonan(),
    suratKuasa(false),
    ...dokumenPerusahaanLengkap(),
    mapBerkas(MAP_COPY_DAN_BERKAS),
  ],
  procedure: [
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan melakukan perubahan data dari CV ke PT Penyedia Barang/Jasa yang terdaftar di LPSE.',
  ],
  timeLimit: tigaPuluhMenit([JAMINAN_STATUS]),
  product: 'Jasa Perubahan Status Perusahaan CV ke PT Penyedia Barang/Jasa',
  handlerRole: 'verifier',
  serviceGuarantee: [...JAMINAN_UMUM, JAMINAN_STATUS],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const PERUBAHAN_NPWP: ServiceDefinition = {
  code: 'perubahan_npwp',
  number: 4,
  name: 'Pelayanan Perubahan NPWP Penyedia Barang/Jasa',
  shortName: 'Perubahan NPWP',
  requirements: [
    suratPermohonan(),
    suratKuasa(true),
    ...dokumenPerusahaanLengkap(),
    mapBerkas(MAP_BERKAS_SAMPUL),
  ],
  procedure: [
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan melakukan perubahan NPWP Penyedia Barang/Jasa yang terdaftar di LPSE.',
  ],
  timeLimit: tigaPuluhMenit([JAMINAN_NPWP]),
  product: 'Jasa Perubahan NPWP Penyedia Barang/Jasa',
  handlerRole: 'verifier',
  serviceGuarantee: [...JAMINAN_UMUM, JAMINAN_NPWP],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const NONAKTIF_USER_ID: ServiceDefinition = {
  code: 'nonaktif_user_id',
  number: 5,
  name: 'Pelayanan Non Aktif User ID Penyedia Barang/Jasa',
  shortName: 'Non Aktif User ID',
  requirements: [
    suratPermohonan(),
    suratKuasa(true),
    ...dokumenPerusahaanLengkap(),
    mapBerkas(MAP_BERKAS),
  ],
  procedure: [
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan melakukan penonaktifan User ID Penyedia Barang/Jasa yang terdaftar di LPSE.',
  ],
  timeLimit: tigaPuluhMenit([JAMINAN_NON_AKTIF]),
  product: 'Jasa Non Aktif User ID Penyedia Barang/Jasa',
  handlerRole: 'verifier',
  serviceGuarantee: [...JAMINAN_UMUM, JAMINAN_NON_AKTIF],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const AGREGASI_DATA_PENYEDIA: ServiceDefinition = {
  code: 'agregasi_data_penyedia',
  number: 6,
  name: 'Pelayanan Agregasi Data Penyedia (ADP)',
  shortName: 'Agregasi Data Penyedia (ADP)',
  requirements: [
    suratPermohonan(),
    suratKuasa(true),
    ...dokumenPerusahaanLengkap(),
    mapBerkas(MAP_BERKAS),
  ],
  procedure: [
    ...PROSEDUR_LOKET_VERIFIKATOR,
    'Verifikator akan melakukan pengajuan permohonan Aktivasi Agregasi Penyedia Barang/Jasa yang terdaftar ke LKPP.',
  ],
  timeLimit: {
    amount: 30,
    unit: 'minutes',
    text: '30 menit di LPSE Kota Banjarmasin',
    notes: ['Proses di LKPP disesuaikan dengan kondisi di LKPP'],
    externalWaitExcluded: true,
  },
  product: 'Jasa Agregasi Data Penyedia (ADP)',
  handlerRole: 'verifier',
  // Service 6 has only the three general points.
  serviceGuarantee: [...JAMINAN_UMUM],
  staffCompetence: [...STAFF_VERIFIKASI],
  ...common(),
};

const PENDAMPINGAN_SPSE: ServiceDefinition = {
  code: 'pendampingan_spse',
  number: 7,
  // Lampiran heading. Pasal 4 huruf g calls it "Pelayanan Pengaduan dan Pendampingan Permasalahan Aplikasi SPSE".
  name: 'Pelayanan Penggunaan dan Pendampingan Permasalahan Aplikasi SPSE',
  shortName: 'Pendampingan SPSE',
  // Only two requirements; the regulation asks no surat kuasa, company documents or folder for this service.
  requirements: [
    suratPermohonan(),
    {
      code: 'laporan_permasalahan',
      label: 'Laporan Permasalahan Aplikasi SPSE',
      description: 'Laporan/pernyataan permasalahan aplikasi SPSE.',
      original: 'submit',
      copyRequired: false,
      mustBeValid: false,
      needsMeterai: false,
      proxyOnly: false,
      signedByLeader: false,
    },
  ],
  procedure: [
    DATANG_KE_LPSE,
    ISI_BUKU_TAMU,
    'Helpdesk menerima dan memeriksa kelengkapan berkas pelaporan permasalahan.',
    'Apabila berkas permohonan lengkap, benar dan valid, maka helpdesk akan menyerahkan berkas ke admin sistem.',
    BERKAS_DIKEMBALIKAN,
    'Admin sistem akan melakukan pemeriksaan/perbaikan atas kendala berdasarkan permasalahan yang disampaikan.',
  ],
  timeLimit: {
    amount: 5,
    unit: 'working_days',
    text:
      'Jangka waktu penyelesaian kendala teknis pengguna dilakukan secepat mungkin dan batas waktu maksimal 5 (lima) ' +
      'hari kerja, apabila kendala tersebut tidak perlu ditindaklanjuti ke helpdesk LKPP.',
    notes: [],
    externalWaitExcluded: true,
  },
  product: 'Jasa pendampingan dan penanganan permasalahan',
  handlerRole: 'sysadmin',
  serviceGuarantee: ['Teratasi permasalahan/kendala teknis aplikasi SPSE.'],
  staffCompetence: [...STAFF_ADMIN_SISTEM],
  ...common(),
};

export const PERWALI_67_2018: Catalogue = {
  version: 1,
  source:
    'Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018 tentang Standar Pelayanan pada Bagian Layanan Pengadaan ' +
    'Sekretariat Daerah Kota Banjarmasin',
  // Diundangkan di Banjarmasin pada tanggal 28 November 2018. (Pasal 10 says the regulation applies from the
  // date it was "ditetapkan", which the OCR renders as "2/ November 2018", i.e. illegible; the promulgation
  // date is the first legible date on which it is certainly in force.)
  effectiveFrom: '2018-11-28',
  services: [
    AKTIVASI_USER_ID,
    PERUBAHAN_EMAIL,
    PERUBAHAN_STATUS_CV_PT,
    PERUBAHAN_NPWP,
    NONAKTIF_USER_ID,
    AGREGASI_DATA_PENYEDIA,
    PENDAMPINGAN_SPSE,
  ],
};
