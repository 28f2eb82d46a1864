/**
 * Seeded random source and realistic Indonesian identities for demo data: companies (CV/PT names typical of
 * Kalimantan Selatan, addresses in Banjarmasin, NPWPs that pass the check-digit test), people (NIKs from
 * Banjarmasin, mobile numbers), staff. Pure and deterministic: the same seed gives the same identities.
 */
import { LEGAL_FORMS } from '../domain/events/schema';
import { luhnValid } from '../domain/validation';

type LegalForm = (typeof LEGAL_FORMS)[number];

// ---- random source ---------------------------------------------------------------------------------------

/** cyrb128: spreads a string seed over four 32-bit words (sfc32 needs a non-trivial state). */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A small, fast seeded PRNG (sfc32). Not for secrets: demo data and benchmarks only. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks a key by relative weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** Fills `bytes` with random bytes: the `random` parameter of `uuidv7`, so ids are reproducible. */
  fill = (bytes: Uint8Array): Uint8Array => {
    for (let i = 0; i < bytes.length; i += 4) {
      const x = this.nextUint32();
      for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (x >>> (8 * j)) & 0xff;
    }
    return bytes;
  };
}

// ---- people ----------------------------------------------------------------------------------------------

export type Sex = 'L' | 'P';

const MALE_FIRST = [
  'Muhammad', 'Ahmad', 'Akhmad', 'Rahmat', 'Fahmi', 'Riduan', 'Syarifuddin', 'Rusdiansyah', 'Hairul', 'Rizki',
  'Gusti', 'Fajar', 'Agus', 'Budi', 'Hendra', 'Yusuf', 'Hasan', 'Husin', 'Ilham', 'Iwan', 'Rudi', 'Eko',
  'Taufik', 'Wahyudi', 'Zainal', 'Arief', 'Bayu', 'Dedi', 'Fauzan', 'Irfan', 'Aditya', 'Dimas', 'Rahmadi',
  'Saipul', 'Anang', 'Abdul', 'Syahrani', 'Mahyuni', 'Junaidi', 'Aspihani', 'Rusmadi', 'Fahriannor', 'Hairil',
  'Jumberi', 'Khairullah', 'Norhadi', 'Rahmani', 'Syamsul', 'Yudi', 'Zulkifli', 'Ariansyah', 'Alfian',
  'Firmansyah', 'Herman', 'Mukhlis', 'Noor', 'Radiansyah', 'Sugianto', 'Supriadi', 'Muhammad Noor',
];
const FEMALE_FIRST = [
  'Siti', 'Norhayati', 'Rusmini', 'Fitriani', 'Nurul', 'Dewi', 'Rina', 'Yuliana', 'Halimah', 'Rahmah',
  'Mariana', 'Aulia', 'Dina', 'Ratna', 'Sri', 'Wulandari', 'Khairunnisa', 'Laila', 'Maulida', 'Salasiah',
  'Jamilah', 'Masitah', 'Noorhasanah', 'Rabiatul', 'Hamidah', 'Fatimah', 'Annisa', 'Nadia', 'Rahmawati',
  'Yuni', 'Erna', 'Sarah', 'Nur Aini', 'Mahmudah', 'Rosita', 'Lisda', 'Hayatun', 'Normila', 'Siti Aisyah',
];
const LAST = [
  'Hidayat', 'Rahman', 'Fauzi', 'Noor', 'Effendi', 'Anwar', 'Saputra', 'Pratama', 'Wijaya', 'Hakim', 'Hasan',
  'Ramadhan', 'Syahputra', 'Maulana', 'Firdaus', 'Ansyari', 'Rifani', 'Arsyad', 'Mahmud', 'Basuki', 'Santoso',
  'Kurniawan', 'Setiawan', 'Hidayatullah', 'Rasyid', 'Fadillah', 'Gazali', 'Ramli', 'Zulkifli', 'Rahmadani',
  'Fitriadi', 'Yusran', 'Hamdani', 'Jaelani', 'Kamaludin', 'Mursyid', 'Nawawi', 'Rosyadi', 'Sarbani',
  'Taufikurrahman', 'Wardani', 'Zainuddin', 'Irawan', 'Lesmana', 'Abdullah', 'Bahrudin', 'Muchlis',
];

export function personName(rng: Rng, sex: Sex, opts: { hajiChance?: number } = {}): string {
  const first = rng.pick(sex === 'L' ? MALE_FIRST : FEMALE_FIRST);
  const last = rng.pick(LAST);
  const base = first === last ? first : `${first} ${last}`;
  if (rng.chance(opts.hajiChance ?? 0)) return `${sex === 'L' ? 'H.' : 'Hj.'} ${base}`;
  return base;
}

/** District (kecamatan) codes of Kota Banjarmasin, 63.71.xx. */
const BANJARMASIN_DISTRICTS = ['01', '02', '03', '04', '05'];
/** Neighbouring regencies whose residents also work for Banjarmasin companies. */
const NEIGHBOUR_DISTRICTS = ['637201', '637202', '637203', '630301', '630302', '630305', '630401', '630402'];

/**
 * A NIK that passes the validator: Banjarmasin (6371) for most people, the neighbouring Banjarbaru, Banjar
 * and Barito Kuala for some; a real birth date (women +40 on the day), a non-zero serial.
 */
export function nik(rng: Rng, sex: Sex, birthYear: number): string {
  const district = rng.chance(0.82) ? `6371${rng.pick(BANJARMASIN_DISTRICTS)}` : rng.pick(NEIGHBOUR_DISTRICTS);
  const month = rng.int(1, 12);
  const days = [31, birthYear % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const day = rng.int(1, days) + (sex === 'P' ? 40 : 0);
  const serial = rng.int(1, 9999);
  return `${district}${pad(day, 2)}${pad(month, 2)}${pad(birthYear % 100, 2)}${pad(serial, 4)}`;
}

const MOBILE_PREFIXES = ['0811', '0812', '0813', '0821', '0822', '0852', '0853', '0851', '0855', '0856', '0857', '0878', '0877', '0819', '0896', '0895', '0882'];

/** A mobile number in E.164 (`+628…`), as the contract stores it. */
export function mobilePhone(rng: Rng): string {
  const national = rng.pick(MOBILE_PREFIXES) + rng.digits(rng.chance(0.6) ? 8 : 7);
  return `+62${national.slice(1)}`;
}

/** A Banjarmasin fixed line, (0511) 3xxxxxx, in E.164. */
export function officePhone(rng: Rng): string {
  return `+62511${rng.pick(['3', '4', '6', '7'])}${rng.digits(6)}`;
}

// ---- companies -------------------------------------------------------------------------------------------

const PLACE_WORDS = [
  'Banua', 'Borneo', 'Barito', 'Martapura', 'Antasari', 'Bandarmasih', 'Kayuh Baimbai', 'Lambung Mangkurat',
  'Sasirangan', 'Kuin', 'Intan', 'Kalimantan', 'Kalsel', 'Banjar', 'Meratus', 'Tabalong', 'Amuntai', 'Nagara',
  'Pelaihari', 'Alalak', 'Kelayan', 'Tanjung', 'Rantau', 'Kandangan', 'Barabai', 'Batola', 'Kotabaru',
  'Mahakam', 'Kahayan', 'Jingah', 'Pangeran', 'Sultan', 'Galuh', 'Andai', 'Halong', 'Loksado', 'Bakumpai',
  'Anjir', 'Tapin', 'Pulau Laut',
];
const QUALITY_WORDS = [
  'Karya', 'Mandiri', 'Jaya', 'Abadi', 'Sejahtera', 'Utama', 'Persada', 'Cahaya', 'Mitra', 'Putra', 'Anugerah',
  'Berkah', 'Rizki', 'Nusantara', 'Sentosa', 'Makmur', 'Lestari', 'Gemilang', 'Perkasa', 'Sakti', 'Prima',
  'Mulia', 'Bersama', 'Sukses', 'Agung', 'Bangun', 'Cipta', 'Karsa', 'Inti', 'Graha', 'Wahana', 'Sarana',
  'Citra', 'Kencana', 'Permai', 'Indah', 'Raya', 'Mas', 'Sumber', 'Rejeki', 'Tunggal', 'Harapan', 'Bina',
  'Amanah', 'Barokah', 'Sinar', 'Surya', 'Bintang', 'Fajar', 'Pelita', 'Samudra', 'Tiga Putra', 'Dua Saudara',
  'Pilar', 'Gading', 'Pratama',
];
const TRADE_WORDS = [
  'Konstruksi', 'Teknik', 'Kontraktor', 'Konsultan', 'Niaga', 'Elektrik', 'Komputindo', 'Medika', 'Farma',
  'Printing', 'Advertising', 'Multi Usaha', 'Perdana', 'Interior', 'Arsitektur', 'Sipil', 'Logistik', 'Agro',
  'Mebel', 'Catering', 'Transportindo', 'Solusindo', 'Informatika', 'Teknologi', 'Engineering', 'Survey',
  'Supplier', 'Trading', 'Persada Teknik', 'Rekayasa',
];

export interface CompanyIdentity {
  name: string;
  legalForm: LegalForm;
}

/** A company name of the kind seen on Banjarmasin tender lists; `taken` keeps names unique. */
export function companyIdentity(rng: Rng, taken: Set<string>): CompanyIdentity {
  const legalForm = rng.weighted<LegalForm>({ CV: 56, PT: 34, UD: 5, Koperasi: 2, Firma: 1, Perorangan: 2, Lainnya: 0 });
  for (let attempt = 0; ; attempt++) {
    let core: string;
    const pattern = rng.int(1, 6);
    const q1 = rng.pick(QUALITY_WORDS);
    let q2 = rng.pick(QUALITY_WORDS);
    if (q2 === q1) q2 = rng.pick(QUALITY_WORDS);
    const place = rng.pick(PLACE_WORDS);
    const trade = rng.pick(TRADE_WORDS);
    if (pattern === 1) core = `${place} ${q1}`;
    else if (pattern === 2) core = `${place} ${q1} ${trade}`;
    else if (pattern === 3) core = `${q1} ${q2} ${place}`;
    else if (pattern === 4) core = `${q1} ${trade}`;
    else if (pattern === 5) core = `${q1} ${q2}`;
    else core = `${place} ${q1} ${q2}`;
    let name: string;
    switch (legalForm) {
      case 'Koperasi':
        name = `Koperasi ${rng.pick(['Serba Usaha', 'Jasa', 'Produsen', 'Konsumen'])} ${core}`;
        break;
      case 'Firma':
        name = `Firma ${rng.pick(LAST)} dan Rekan`;
        break;
      case 'Perorangan':
        name = personName(rng, rng.chance(0.8) ? 'L' : 'P', { hajiChance: 0.3 });
        break;
      case 'UD':
        name = rng.chance(0.3) ? `UD Haji ${rng.pick(LAST)}` : `UD ${core}`;
        break;
      default:
        name = `${legalForm} ${core}`;
    }
    // After many collisions, fall back to a numbered name (real registers have "... II", "... 2").
    if (attempt > 40) name = `${name} ${['II', 'III', 'IV', 'V'][attempt % 4]}${attempt > 80 ? ` ${attempt}` : ''}`;
    if (!taken.has(name)) {
      taken.add(name);
      return { name, legalForm };
    }
  }
}

/** Tax office (KPP) codes of the Banjarmasin area, 731 (KPP Pratama Banjarmasin) by far the most common. */
const KPP_CODES = ['731', '731', '731', '731', '732', '733', '721'];

/** Appends the Luhn check digit to `body` (the NPWP's 9th digit over its first 8). */
function withLuhnDigit(body: string): string {
  for (let c = 0; c <= 9; c++) if (luhnValid(body + String(c))) return body + String(c);
  throw new Error('unreachable: one of ten digits is always the Luhn digit');
}

/**
 * An NPWP of a company (or of the owner for UD/perorangan), digits only, unique within `taken`: the old
 * 15-digit form for most, the 16-digit form (leading 0) for those registered after PMK 112/2022, a
 * NIK-based 16-digit number for individuals. The check digit always passes the (unofficial) Luhn test.
 */
export function npwp(rng: Rng, legalForm: LegalForm, ownerNik: string, taken: Set<string>): string {
  for (;;) {
    let value: string;
    if (legalForm === 'Perorangan' && rng.chance(0.5)) {
      value = ownerNik;
    } else {
      const individual = legalForm === 'Perorangan' || (legalForm === 'UD' && rng.chance(0.6));
      const first = rng.pick(['0', '0', '0', '2', '3', '7', '8', '9']);
      const type = individual ? rng.pick(['4', '6']) : rng.pick(['1', '2', '3']);
      const nine = withLuhnDigit(first + type + rng.digits(6));
      const d15 = nine + rng.pick(KPP_CODES) + (rng.chance(0.95) ? '000' : '001');
      value = rng.chance(0.4) ? `0${d15}` : d15;
    }
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

const DISTRICTS: Record<string, string[]> = {
  'Banjarmasin Tengah': ['Antasan Besar', 'Kertak Baru Ilir', 'Kertak Baru Ulu', 'Mawar', 'Pasar Lama', 'Seberang Mesjid', 'Sungai Baru', 'Teluk Dalam', 'Gadang', 'Melayu', 'Kelayan Luar'],
  'Banjarmasin Utara': ['Alalak Selatan', 'Alalak Tengah', 'Alalak Utara', 'Antasan Kecil Timur', 'Kuin Utara', 'Pangeran', 'Sungai Andai', 'Sungai Jingah', 'Sungai Miai', 'Surgi Mufti'],
  'Banjarmasin Selatan': ['Kelayan Barat', 'Kelayan Dalam', 'Kelayan Selatan', 'Kelayan Tengah', 'Kelayan Timur', 'Mantuil', 'Murung Raya', 'Pekauman', 'Pemurus Baru', 'Pemurus Dalam', 'Tanjung Pagar'],
  'Banjarmasin Timur': ['Benua Anyar', 'Karang Mekar', 'Kebun Bunga', 'Kuripan', 'Pekapuran Raya', 'Pengambangan', 'Sungai Bilu', 'Sungai Lulut', 'Pemurus Luar'],
  'Banjarmasin Barat': ['Basirih', 'Belitung Selatan', 'Belitung Utara', 'Kuin Cerucuk', 'Kuin Selatan', 'Pelambuan', 'Telaga Biru', 'Telawang', 'Teluk Tiram'],
};
const DISTRICT_NAMES = Object.keys(DISTRICTS);
const STREETS = [
  'Jl. Ahmad Yani Km. 2', 'Jl. Ahmad Yani Km. 4,5', 'Jl. Ahmad Yani Km. 6', 'Jl. Lambung Mangkurat', 'Jl. Pangeran Antasari',
  'Jl. Sultan Adam', 'Jl. Veteran', 'Jl. Pramuka', 'Jl. Kayu Tangi', 'Jl. Brigjend H. Hasan Basri', 'Jl. Sutoyo S.',
  'Jl. Belitung Darat', 'Jl. Gatot Subroto', 'Jl. Pangeran Samudera', 'Jl. Teuku Umar', 'Jl. Cempaka', 'Jl. Kolonel Sugiono',
  'Jl. Kuin Utara', 'Jl. Adhyaksa', 'Jl. Perdagangan', 'Jl. Belitung Laut', 'Jl. Tembus Mantuil', 'Jl. Pekapuran',
  'Jl. Kelayan A', 'Jl. Pemurus', 'Jl. Cemara Raya', 'Jl. Manggis', 'Jl. Sungai Andai', 'Jl. Mayjend Sutoyo S.',
  'Jl. Jafri Zamzam', 'Jl. Pulau Laut', 'Jl. Pasar Baru', 'Jl. Simpang Ulin', 'Jl. Dharma Praja', 'Jl. Sultan Adam Komp. Mandiri',
  'Jl. Golf', 'Jl. Banua Anyar', 'Jl. Pengambangan', 'Jl. Kampung Melayu Darat', 'Jl. Hikmah Banua', 'Jl. Rantauan Darat',
];

export function banjarmasinAddress(rng: Rng): string {
  const district = rng.pick(DISTRICT_NAMES);
  const village = rng.pick(DISTRICTS[district]!);
  const gang = rng.chance(0.25) ? ` Gg. ${rng.pick(['Al-Ikhlas', 'Mawar', 'Melati', 'Sepakat', 'Rahmat', 'Damai', 'Karya', 'Nusa Indah', 'Purnama'])}` : '';
  return `${rng.pick(STREETS)}${gang} No. ${rng.int(1, 180)}, RT ${pad(rng.int(1, 40), 3)}, Kel. ${village}, Kec. ${district}, Kota Banjarmasin`;
}

/** A plausible e-mail address for a company: its own domain or a free mailbox. */
export function companyEmail(rng: Rng, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/^(cv|pt|ud|koperasi|firma)\s+/, '')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24) || 'penyedia';
  if (rng.chance(0.35)) return `admin@${slug}.co.id`;
  return `${slug}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.id', 'yahoo.com'])}`;
}

export function personEmail(rng: Rng, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/^(h|hj)\.\s+/, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${slug}${rng.int(1, 999)}@${rng.pick(['gmail.com', 'gmail.com', 'yahoo.com'])}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
