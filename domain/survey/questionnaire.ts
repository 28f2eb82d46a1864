/**
 * The questionnaire of the Survei Kepuasan Masyarakat (SKM), PermenPANRB 14/2017, as data.
 *
 * The nine elements (unsur) are stored and computed by their code U1–U9, never by position: the
 * regulation lists U8 as "Penanganan Pengaduan, Saran dan Masukan" and U9 as "Sarana dan Prasarana",
 * while the sample questionnaire in its appendix asks about facilities as question 8 and complaint
 * handling as question 9 — offices that key answers by position swap the two (docs/adr/0010).
 * `formNo` keeps the question number of that sample form, for staff typing in paper questionnaires.
 *
 * Answers are 1–4 (1 = least, 4 = best) with the official four labels of each element. The respondent
 * profile is the standard one (sex, age, education, occupation) and nothing else: no name, NIK or phone.
 * Ages are kept as groups only, so a profile is less identifying (docs/adr/0010). Pure.
 */

export const QUESTIONNAIRE_VERSION = 1;

export const ELEMENT_CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type ElementCode = (typeof ELEMENT_CODES)[number];

export type AnswerValue = 1 | 2 | 3 | 4;

export interface SurveyElement {
  code: ElementCode;
  /** The element's name in the regulation. */
  name: string;
  /** A short name for charts and narrow table headers. */
  shortName: string;
  /** The question as the sample questionnaire asks it. */
  question: string;
  /** Labels of the answers 1, 2, 3 and 4. */
  labels: readonly [string, string, string, string];
  /** Question number on the regulation's sample paper form (U8 and U9 are asked as 9 and 8). */
  formNo: number;
}

export const ELEMENTS: readonly SurveyElement[] = [
  {
    code: 'U1',
    name: 'Persyaratan',
    shortName: 'Persyaratan',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    labels: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    formNo: 1,
  },
  {
    code: 'U2',
    name: 'Sistem, Mekanisme, dan Prosedur',
    shortName: 'Prosedur',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    labels: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    formNo: 2,
  },
  {
    code: 'U3',
    name: 'Waktu Penyelesaian',
    shortName: 'Waktu',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    labels: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    formNo: 3,
  },
  {
    code: 'U4',
    name: 'Biaya/Tarif',
    shortName: 'Biaya/Tarif',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    labels: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    formNo: 4,
  },
  {
    code: 'U5',
    name: 'Produk Spesifikasi Jenis Pelayanan',
    shortName: 'Produk',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    labels: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    formNo: 5,
  },
  {
    code: 'U6',
    name: 'Kompetensi Pelaksana',
    shortName: 'Kompetensi',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    labels: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    formNo: 6,
  },
  {
    code: 'U7',
    name: 'Perilaku Pelaksana',
    shortName: 'Perilaku',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    labels: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    formNo: 7,
  },
  {
    code: 'U8',
    name: 'Penanganan Pengaduan, Saran dan Masukan',
    shortName: 'Pengaduan',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    labels: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    formNo: 9,
  },
  {
    code: 'U9',
    name: 'Sarana dan Prasarana',
    shortName: 'Sarana',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    labels: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    formNo: 8,
  },
];

export function elementOf(code: ElementCode): SurveyElement {
  return ELEMENTS.find((e) => e.code === code)!;
}

export function isElementCode(s: string): s is ElementCode {
  return (ELEMENT_CODES as readonly string[]).includes(s);
}

// ---- respondent profile ---------------------------------------------------------------------------------

export const SEXES = ['L', 'P'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABEL: Record<Sex, string> = { L: 'Laki-laki', P: 'Perempuan' };

/** Age groups (years). The questionnaire asks the age; only its group is kept. */
export const AGE_GROUPS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const AGE_GROUP_LABEL: Record<AgeGroup, string> = {
  '<20': 'Di bawah 20 tahun',
  '20-29': '20–29 tahun',
  '30-39': '30–39 tahun',
  '40-49': '40–49 tahun',
  '50-59': '50–59 tahun',
  '60+': '60 tahun ke atas',
};
/** Youngest and oldest plausible respondent, in whole years. */
export const MIN_AGE = 10;
export const MAX_AGE = 120;

export function ageGroupOf(years: number): AgeGroup {
  if (years < 20) return '<20';
  if (years < 30) return '20-29';
  if (years < 40) return '30-39';
  if (years < 50) return '40-49';
  if (years < 60) return '50-59';
  return '60+';
}

export const EDUCATIONS = ['SD', 'SMP', 'SMA', 'D1-D3', 'D4-S1', 'S2', 'S3'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABEL: Record<Education, string> = {
  SD: 'SD atau sederajat',
  SMP: 'SMP atau sederajat',
  SMA: 'SMA atau sederajat',
  'D1-D3': 'D1–D3',
  'D4-S1': 'D4/S1',
  S2: 'S2',
  S3: 'S3',
};

export const OCCUPATIONS = ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR', 'LAINNYA'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const OCCUPATION_LABEL: Record<Occupation, string> = {
  PNS: 'PNS',
  TNI: 'TNI',
  POLRI: 'POLRI',
  SWASTA: 'Pegawai swasta',
  WIRAUSAHA: 'Wirausaha',
  PELAJAR: 'Pelajar/Mahasiswa',
  LAINNYA: 'Lainnya',
};

/** How a response was collected. 'qr': the respondent's phone, through the central server (phase 2). */
export const CHANNELS = ['kiosk', 'qr', 'paper', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABEL: Record<Channel, string> = {
  kiosk: 'Kios di loket',
  qr: 'Kode QR (ponsel)',
  paper: 'Kuesioner kertas',
  import: 'Impor CSV',
};

export type Answers = Record<ElementCode, AnswerValue | null>;

export interface Profile {
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  education: Education | null;
  occupation: Occupation | null;
}

export const NOT_FILLED_LABEL = 'Tidak diisi';
