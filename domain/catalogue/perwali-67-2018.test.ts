import { describe, it, expect } from 'vitest';
import { PERWALI_67_2018 } from './perwali-67-2018';
import type { ServiceDefinition } from './types';

/*
 * Expected values are written by hand from the Lampiran of Perwali Banjarmasin 67/2018, not derived from the
 * data object.
 */

interface Expected {
  number: number;
  code: string;
  name: string;
  requirements: string[];
  proxyOnly: string[];
  timeLimit: { amount: number; unit: 'minutes' | 'working_days'; text: string; externalWaitExcluded: boolean };
  handlerRole: 'verifier' | 'sysadmin';
  procedureSteps: number;
  product: string;
  lastStep: string;
  guaranteeCount: number;
  staffCompetence: string[];
}

const COMPANY_DOCS = ['ktp_direktur', 'npwp_perusahaan', 'izin_usaha', 'akta_pendirian', 'akta_perubahan_terakhir'];
const VERIFIER_STAFF = ['Kasubbag Layanan Pengadaan Secara Elektronik', 'Petugas Verifikator', 'Petugas Helpdesk'];

const EXPECTED: Expected[] = [
  {
    number: 1,
    code: 'aktivasi_user_id',
    name: 'Pelayanan Aktivasi User ID Penyedia Barang/Jasa',
    requirements: ['formulir_pendaftaran', 'formulir_keikutsertaan', ...COMPANY_DOCS, 'map_berkas', 'surat_kuasa'],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit', externalWaitExcluded: false },
    handlerRole: 'verifier',
    procedureSteps: 11,
    product: 'Jasa Layanan Aktivasi User ID Penyedia Barang/Jasa',
    lastStep: 'Verifikator akan mengaktifkan User ID agar bisa digunakan login di LPSE.',
    guaranteeCount: 4,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 2,
    code: 'perubahan_email',
    name: 'Perubahan E-mail Penyedia Barang/Jasa',
    requirements: [
      'surat_permohonan',
      'surat_kuasa',
      'ktp_direktur',
      'npwp_perusahaan',
      'akta_pendirian',
      'akta_perubahan_terakhir',
      'map_berkas',
    ],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 1, unit: 'working_days', text: '1 hari kerja', externalWaitExcluded: false },
    handlerRole: 'verifier',
    procedureSteps: 6,
    product: 'Jasa Perubahan e-mail Penyedia Barang/Jasa',
    lastStep: 'Verifikator akan melakukan perubahan e-mail Penyedia Barang/Jasa yang terdaftar di LPSE.',
    guaranteeCount: 4,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 3,
    code: 'perubahan_status_cv_pt',
    name: 'Pelayanan Perubahan Status Perusahaan dari CV ke PT',
    requirements: ['surat_permohonan', 'surat_kuasa', ...COMPANY_DOCS, 'map_berkas'],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit', externalWaitExcluded: false },
    handlerRole: 'verifier',
    procedureSteps: 6,
    product: 'Jasa Perubahan Status Perusahaan CV ke PT Penyedia Barang/Jasa',
    lastStep: 'Verifikator akan melakukan perubahan data dari CV ke PT Penyedia Barang/Jasa yang terdaftar di LPSE.',
    guaranteeCount: 4,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 4,
    code: 'perubahan_npwp',
    name: 'Pelayanan Perubahan NPWP Penyedia Barang/Jasa',
    requirements: ['surat_permohonan', 'surat_kuasa', ...COMPANY_DOCS, 'map_berkas'],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit', externalWaitExcluded: false },
    handlerRole: 'verifier',
    procedureSteps: 6,
    product: 'Jasa Perubahan NPWP Penyedia Barang/Jasa',
    lastStep: 'Verifikator akan melakukan perubahan NPWP Penyedia Barang/Jasa yang terdaftar di LPSE.',
    guaranteeCount: 4,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 5,
    code: 'nonaktif_user_id',
    name: 'Pelayanan Non Aktif User ID Penyedia Barang/Jasa',
    requirements: ['surat_permohonan', 'surat_kuasa', ...COMPANY_DOCS, 'map_berkas'],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit', externalWaitExcluded: false },
    handlerRole: 'verifier',
    procedureSteps: 6,
    product: 'Jasa Non Aktif User ID Penyedia Barang/Jasa',
    lastStep: 'Verifikator akan melakukan penonaktifan User ID Penyedia Barang/Jasa yang terdaftar di LPSE.',
    guaranteeCount: 4,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 6,
    code: 'agregasi_data_penyedia',
    name: 'Pelayanan Agregasi Data Penyedia (ADP)',
    requirements: ['surat_permohonan', 'surat_kuasa', ...COMPANY_DOCS, 'map_berkas'],
    proxyOnly: ['surat_kuasa'],
    timeLimit: { amount: 30, unit: 'minutes', text: '30 menit di LPSE Kota Banjarmasin', externalWaitExcluded: true },
    handlerRole: 'verifier',
    procedureSteps: 6,
    product: 'Jasa Agregasi Data Penyedia (ADP)',
    lastStep:
      'Verifikator akan melakukan pengajuan permohonan Aktivasi Agregasi Penyedia Barang/Jasa yang terdaftar ke LKPP.',
    guaranteeCount: 3,
    staffCompetence: VERIFIER_STAFF,
  },
  {
    number: 7,
    code: 'pendampingan_spse',
    name: 'Pelayanan Penggunaan dan Pendampingan Permasalahan Aplikasi SPSE',
    requirements: ['surat_permohonan', 'laporan_permasalahan'],
    proxyOnly: [],
    timeLimit: {
      amount: 5,
      unit: 'working_days',
      text:
        'Jangka waktu penyelesaian kendala teknis pengguna dilakukan secepat mungkin dan batas waktu maksimal ' +
        '5 (lima) hari kerja, apabila kendala tersebut tidak perlu ditindaklanjuti ke helpdesk LKPP.',
      externalWaitExcluded: true,
    },
    handlerRole: 'sysadmin',
    procedureSteps: 6,
    product: 'Jasa pendampingan dan penanganan permasalahan',
    lastStep:
      'Admin sistem akan melakukan pemeriksaan/perbaikan atas kendala berdasarkan permasalahan yang disampaikan.',
    guaranteeCount: 1,
    staffCompetence: ['Kasubbag Layanan Pengadaan Secara Elektronik', 'Petugas Helpdesk', 'Admin Sistem'],
  },
];

function service(number: number): ServiceDefinition {
  const found = PERWALI_67_2018.services.find((s) => s.number === number);
  if (!found) throw new Error(`service ${number} missing`);
  return found;
}

function requirement(number: number, code: string) {
  const found = service(number).requirements.find((r) => r.code === code);
  if (!found) throw new Error(`service ${number} has no requirement ${code}`);
  return found;
}

/** Every string anywhere in a value, with the path where it was found. */
function allStrings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${path}.${k}`));
  }
  return [];
}

describe('PERWALI_67_2018 catalogue', () => {
  it('has the catalogue metadata of the regulation', () => {
    expect(PERWALI_67_2018.version).toBe(1);
    expect(PERWALI_67_2018.source).toBe(
      'Peraturan Walikota Banjarmasin Nomor 67 Tahun 2018 tentang Standar Pelayanan pada Bagian Layanan ' +
        'Pengadaan Sekretariat Daerah Kota Banjarmasin',
    );
    expect(PERWALI_67_2018.effectiveFrom).toBe('2018-11-28');
  });

  it('lists exactly the seven services, numbered 1–7 in order, with unique codes', () => {
    expect(PERWALI_67_2018.services.map((s) => [s.number, s.code])).toEqual([
      [1, 'aktivasi_user_id'],
      [2, 'perubahan_email'],
      [3, 'perubahan_status_cv_pt'],
      [4, 'perubahan_npwp'],
      [5, 'nonaktif_user_id'],
      [6, 'agregasi_data_penyedia'],
      [7, 'pendampingan_spse'],
    ]);
  });

  describe.each(EXPECTED)('service $number ($code)', (exp) => {
    const s = () => service(exp.number);

    it('has its code and name', () => {
      expect(s().code).toBe(exp.code);
      expect(s().name).toBe(exp.name);
      expect(s().shortName.length).toBeGreaterThan(0);
      expect(s().active).toBe(true);
    });

    it('has the requirement items in the regulation order', () => {
      expect(s().requirements.map((r) => r.code)).toEqual(exp.requirements);
    });

    it('has unique requirement codes', () => {
      const codes = s().requirements.map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);
    });

    it('marks only the power of attorney as proxy-only', () => {
      expect(s().requirements.filter((r) => r.proxyOnly).map((r) => r.code)).toEqual(exp.proxyOnly);
    });

    it('has the time limit', () => {
      const t = s().timeLimit;
      expect({ amount: t.amount, unit: t.unit, text: t.text, externalWaitExcluded: t.externalWaitExcluded }).toEqual(
        exp.timeLimit,
      );
    });

    it('is handled by the right role, free of charge', () => {
      expect(s().handlerRole).toBe(exp.handlerRole);
      expect(s().fee).toBe('Gratis');
    });

    it('has the procedure and product', () => {
      expect(s().procedure).toHaveLength(exp.procedureSteps);
      expect(s().procedure.at(-1)).toBe(exp.lastStep);
      for (const step of s().procedure) expect(step.trim().length).toBeGreaterThan(0);
      expect(s().product).toBe(exp.product);
    });

    it('has the internal components', () => {
      expect(s().serviceGuarantee).toHaveLength(exp.guaranteeCount);
      expect(s().staffCompetence).toEqual(exp.staffCompetence);
      expect(s().legalBasis).toHaveLength(5);
      expect(s().legalBasis[0]).toBe('UU No. 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik.');
      expect(s().securityGuarantee).toBe('Kerahasiaan data pengguna tetap terjaga.');
    });

    it('has the complaint handling of the Lampiran and Pasal 8', () => {
      const c = s().complaintHandling;
      expect(c.stages).toEqual(['Cek administrasi', 'Koordinasi internal/eksternal']);
      expect(c.responseWorkingDays).toBe(6);
      expect(c.completenessWorkingDays).toBe(3);
      expect(c.lodgeWithinDays).toBe(30);
      expect(c.channel).toContain('secara tertulis');
      expect(c.channel).toContain('Bagian Layanan Pengadaan Setdako Banjarmasin');
      expect(c.channel).toContain('Verifikator LPSE');
      expect(c.channel).toContain('Jl. RE. Martadinata No. 1 Gedung Blok E Lt. Dasar Banjarmasin');
      expect(c.notes).toEqual(['Penyelesaian pengaduan sesuai dengan kondisi dan permasalahan yang ada.']);
    });
  });

  it('service 1 starts with the online registration and has the two signed forms', () => {
    const s = service(1);
    expect(s.procedure[0]).toBe(
      'Pemohon mendaftar di web LPSE (lpse.banjarmasinkota.go.id) dengan cara mengisikan email pada isian pendaftaran.',
    );
    expect(s.procedure[6]).toContain('buku tamu');
    for (const code of ['formulir_pendaftaran', 'formulir_keikutsertaan']) {
      const r = requirement(1, code);
      expect(r.original).toBe('submit');
      expect(r.signedByLeader).toBe(true);
      expect(r.copyRequired).toBe(false);
      expect(r.description).toContain('ditandatangani pimpinan perusahaan');
    }
  });

  it('service 2 does not require the business licence; services 1, 3–6 do', () => {
    expect(service(2).requirements.some((r) => r.code === 'izin_usaha')).toBe(false);
    for (const n of [1, 3, 4, 5, 6]) {
      expect(service(n).requirements.some((r) => r.code === 'izin_usaha')).toBe(true);
    }
  });

  it('service 7 has no power of attorney, no company documents and no folder', () => {
    const codes = service(7).requirements.map((r) => r.code);
    expect(codes).not.toContain('surat_kuasa');
    expect(codes).not.toContain('ktp_direktur');
    expect(codes).not.toContain('map_berkas');
    expect(requirement(7, 'laporan_permasalahan').description).toBe('Laporan/pernyataan permasalahan aplikasi SPSE.');
  });

  it('company documents are shown as original with a copy kept; only the business licence has a validity date', () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      for (const r of service(n).requirements.filter((i) => COMPANY_DOCS.includes(i.code))) {
        expect(r.original, `${n}/${r.code}`).toBe('show');
        expect(r.copyRequired, `${n}/${r.code}`).toBe(true);
        expect(r.needsMeterai, `${n}/${r.code}`).toBe(false);
        expect(r.mustBeValid, `${n}/${r.code}`).toBe(r.code === 'izin_usaha');
      }
    }
    expect(requirement(3, 'izin_usaha').label).toBe('SIUP/SIUJK/Izin Usaha');
  });

  it('the power of attorney is submitted, signed by the leader, with meterai, only for a proxy', () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const r = requirement(n, 'surat_kuasa');
      expect(r.original).toBe('submit');
      expect(r.needsMeterai).toBe(true);
      expect(r.proxyOnly).toBe(true);
      expect(r.signedByLeader).toBe(true);
      expect(r.description).toContain(
        'di atas kertas berkop perusahaan, ditandatangani pimpinan perusahaan, dicap dan bermaterai',
      );
    }
    expect(requirement(2, 'surat_kuasa').description).not.toContain('dibuat');
    expect(requirement(4, 'surat_kuasa').description).toContain('Surat Kuasa dibuat di atas');
  });

  it('the request letter is submitted and signed by the leader in services 2–7', () => {
    for (const n of [2, 3, 4, 5, 6, 7]) {
      const r = requirement(n, 'surat_permohonan');
      expect(r.original).toBe('submit');
      expect(r.signedByLeader).toBe(true);
      expect(r.proxyOnly).toBe(false);
    }
    expect(service(1).requirements.some((r) => r.code === 'surat_permohonan')).toBe(false);
  });

  it('the folder has no original and no copy; service 4 adds the cover', () => {
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const r = requirement(n, 'map_berkas');
      expect(r.original).toBe('none');
      expect(r.copyRequired).toBe(false);
    }
    expect(requirement(1, 'map_berkas').description).toBe('Copy dan berkas permohonan di atas dimasukkan dalam map.');
    expect(requirement(4, 'map_berkas').description).toBe(
      'Berkas permohonan di atas dimasukkan dalam map dan diberi sampul.',
    );
    expect(requirement(5, 'map_berkas').description).toBe('Berkas permohonan di atas dimasukkan dalam map.');
  });

  it('the same code means the same document (same label) in every service', () => {
    const labels = new Map<string, Set<string>>();
    for (const s of PERWALI_67_2018.services) {
      for (const r of s.requirements) {
        const set = labels.get(r.code) ?? new Set<string>();
        set.add(r.label);
        labels.set(r.code, set);
      }
    }
    for (const [code, set] of labels) expect([...set], code).toHaveLength(1);
  });

  it('services do not share mutable objects', () => {
    const [a, b] = [service(3), service(4)];
    expect(requirement(3, 'ktp_direktur')).not.toBe(requirement(4, 'ktp_direktur'));
    expect(a.legalBasis).not.toBe(b.legalBasis);
    expect(a.complaintHandling).not.toBe(b.complaintHandling);
  });

  it('keeps the time-limit promises and exceptions as notes', () => {
    expect(service(2).timeLimit.notes).toContain(
      'Jika tidak ada gangguan internet, perubahan e-mail paling lama 30 menit.',
    );
    expect(service(2).serviceGuarantee).toContain(
      'Jika tidak ada gangguan internet, perubahan e-mail paling lama 30 menit.',
    );
    expect(service(6).timeLimit.notes).toEqual(['Proses di LKPP disesuaikan dengan kondisi di LKPP']);
    expect(service(7).serviceGuarantee).toEqual(['Teratasi permasalahan/kendala teknis aplikasi SPSE.']);
  });

  it('every service has a non-empty product and procedure', () => {
    for (const s of PERWALI_67_2018.services) {
      expect(s.product.trim(), s.code).not.toBe('');
      expect(s.procedure.length, s.code).toBeGreaterThan(0);
      expect(s.requirements.length, s.code).toBeGreaterThan(0);
      for (const r of s.requirements) {
        expect(r.label.trim(), `${s.code}/${r.code}`).not.toBe('');
        expect(r.description.trim(), `${s.code}/${r.code}`).not.toBe('');
        expect(r.code, `${s.code}/${r.code}`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      }
    }
  });

  it('contains no typical OCR garbage', () => {
    const garbage: RegExp[] = [
      /1D\b/, // "User 1D"
      /Agregesi/i,
      /(^|\s)S\.\s/, // "S." for "5."
      /olech/i,
      /Ipse\./, // "Ipse.banjarmasinkota.go.id"
      /\bJI\./, // "JI." for "Jl."
      /perusahan\b/i,
      /berlakuy/i,
      /Kkendala/,
      /proseses/i,
      /No\.l\b/,
      /\s{2,}/, // double spaces from the column layout
      /diatas|dimasukan/, // spelling slips normalised
      /[;,]$/, // dangling list punctuation
    ];
    for (const [path, text] of allStrings(PERWALI_67_2018)) {
      for (const re of garbage) expect(text, `${path}: ${re}`).not.toMatch(re);
    }
  });
});
