/**
 * The fourteen components of a service standard (Perwali Banjarmasin 67/2018 Pasal 5), in the regulation's
 * order, for every place that shows or prints them (the Standar Pelayanan PDF, the catalogue screen). The
 * four components version 1 of the catalogue did not hold (sarana, pengawasan internal, jumlah pelaksana,
 * evaluasi kinerja) are the same in all seven services of the Lampiran, so for a service that does not
 * state them they are read from there, as `clockLimitOf` does for the clock rules. Pure.
 */
import type { ServiceDefinition } from './types';

export const PERWALI_67_2018_MANAGEMENT = {
  facilities: [
    'Sarana dan prasarana: ruang tunggu, bidding room/komputer, printer, internet, buku tamu.',
    'Fasilitas pendukung: televisi, toilet, ruang AC (area tanpa asap rokok).',
  ],
  internalSupervision: 'Pengawasan dilakukan oleh atasan langsung secara berjenjang.',
  staffCount: '3 orang',
  staffEvaluation: 'Evaluasi berdasarkan pengawasan atasan langsung terkait kinerja pelayanan dan kedisiplinan.',
} as const;

export interface ManagementComponents {
  facilities: string[];
  internalSupervision: string;
  staffCount: string;
  staffEvaluation: string;
}

export function managementComponentsOf(s: ServiceDefinition): ManagementComponents {
  return {
    facilities: s.facilities ?? [...PERWALI_67_2018_MANAGEMENT.facilities],
    internalSupervision: s.internalSupervision ?? PERWALI_67_2018_MANAGEMENT.internalSupervision,
    staffCount: s.staffCount ?? PERWALI_67_2018_MANAGEMENT.staffCount,
    staffEvaluation: s.staffEvaluation ?? PERWALI_67_2018_MANAGEMENT.staffEvaluation,
  };
}

export interface Component {
  /** Pasal 5 (1) a (service delivery) or b (management inside the organisation). */
  part: 'a' | 'b';
  title: string;
  /** Paragraphs or list items, Indonesian. */
  lines: string[];
}

function timeLimitLines(s: ServiceDefinition): string[] {
  return [s.timeLimit.text, ...s.timeLimit.notes];
}

/** The fourteen components of one service, in the order of Pasal 5. */
export function fourteenComponents(s: ServiceDefinition): Component[] {
  const m = managementComponentsOf(s);
  const c = s.complaintHandling;
  return [
    { part: 'a', title: 'Persyaratan', lines: s.requirements.map((r) => (r.proxyOnly ? `${r.description} (khusus kuasa)` : r.description)) },
    { part: 'a', title: 'Sistem, Mekanisme dan Prosedur', lines: s.procedure },
    { part: 'a', title: 'Jangka Waktu Pelayanan', lines: timeLimitLines(s) },
    { part: 'a', title: 'Biaya/Tarif', lines: [s.fee] },
    { part: 'a', title: 'Produk Pelayanan', lines: [s.product] },
    {
      part: 'a',
      title: 'Penanganan Pengaduan, Saran dan Masukan',
      lines: [
        c.channel,
        ...c.stages,
        `Pengaduan disampaikan paling lambat ${c.lodgeWithinDays} hari sejak menerima pelayanan; kelengkapan materi aduan diberitahukan paling lambat ${c.completenessWorkingDays} hari kerja; pengaduan ditanggapi paling lambat ${c.responseWorkingDays} hari kerja.`,
        ...c.notes,
      ],
    },
    { part: 'b', title: 'Dasar Hukum', lines: s.legalBasis },
    { part: 'b', title: 'Sarana, Prasarana dan/atau Fasilitas', lines: m.facilities },
    { part: 'b', title: 'Kompetensi Pelaksana', lines: s.staffCompetence },
    { part: 'b', title: 'Pengawasan Internal', lines: [m.internalSupervision] },
    { part: 'b', title: 'Jumlah Pelaksana', lines: [m.staffCount] },
    { part: 'b', title: 'Jaminan Pelayanan', lines: s.serviceGuarantee },
    { part: 'b', title: 'Jaminan Keamanan dan Keselamatan Pelayanan', lines: [s.securityGuarantee] },
    { part: 'b', title: 'Evaluasi Kinerja Pelaksana', lines: [m.staffEvaluation] },
  ];
}
