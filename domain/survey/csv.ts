/**
 * Paper questionnaires typed into a spreadsheet and imported with `survey import FILE.csv` (or the paper
 * entry screen's import). The header is fixed:
 *
 *   date,service,sex,age,education,occupation,u1,u2,u3,u4,u5,u6,u7,u8,u9
 *
 * date YYYY-MM-DD (not after today); service a catalogue service code (as `catalogue --json` prints it);
 * sex L/P; age whole years; education SD|SMP|SMA|D1-D3|D4-S1|S2|S3; occupation
 * PNS|TNI|POLRI|SWASTA|WIRAUSAHA|PELAJAR|LAINNYA; every profile field may be empty; answers 1–4 or empty
 * (not answered), at least one per row. `;` is accepted as the separator (Excel with Indonesian settings
 * saves CSV that way), as are a UTF-8 BOM, CRLF line ends and quoted fields (csv-parse). A file with any
 * invalid row is refused whole, every bad row named by its line number. Pure.
 */
import { parse } from 'csv-parse/sync';
import { isValidIsoDate } from '../time/wita';
import {
  ageGroupOf,
  EDUCATIONS,
  ELEMENT_CODES,
  MAX_AGE,
  MIN_AGE,
  OCCUPATIONS,
  SEXES,
  type AgeGroup,
  type Answers,
  type AnswerValue,
  type Education,
  type Occupation,
  type Sex,
} from './questionnaire';

export const CSV_HEADER = ['date', 'service', 'sex', 'age', 'education', 'occupation', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
/** Rows per file: a year of a busy counter fits many times over. */
export const MAX_CSV_ROWS = 50_000;

export interface CsvResponse {
  /** Line of the file the row came from (the header is line 1). */
  line: number;
  day: string;
  serviceCode: string;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  education: Education | null;
  occupation: Occupation | null;
  answers: Answers;
}

export interface CsvIssue {
  line: number;
  message: string;
}

export class SurveyCsvError extends Error {
  constructor(readonly issues: CsvIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

export interface CsvContext {
  /** Service codes of the catalogue (every version). */
  serviceCodes: ReadonlySet<string>;
  /** Today (WITA): no questionnaire is dated after it. */
  today: string;
}

/** Parses and checks the whole file; throws {@link SurveyCsvError} naming every bad row. */
export function parseSurveyCsv(text: string, ctx: CsvContext): CsvResponse[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new SurveyCsvError([{ line, message: `Baris ${line}: berkas CSV tidak dapat dibaca (${describeCsvError(err)}).` }]);
  }
  if (records.length === 0) throw new SurveyCsvError([{ line: 1, message: 'Berkas CSV kosong.' }]);
  const header = records[0]!.record.map((h) => h.trim().toLowerCase());
  if (header.length !== CSV_HEADER.length || header.some((h, i) => h !== CSV_HEADER[i])) {
    throw new SurveyCsvError([
      { line: records[0]!.info.lines, message: `Baris ${records[0]!.info.lines}: judul kolom harus persis "${CSV_HEADER.join(',')}".` },
    ]);
  }
  const rows = records.slice(1);
  if (rows.length === 0) throw new SurveyCsvError([{ line: 1, message: 'Berkas CSV tidak berisi satu kuesioner pun.' }]);
  if (rows.length > MAX_CSV_ROWS) throw new SurveyCsvError([{ line: 1, message: `Berkas CSV berisi ${rows.length} baris; paling banyak ${MAX_CSV_ROWS} baris per impor.` }]);

  const issues: CsvIssue[] = [];
  const out: CsvResponse[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const problems: string[] = [];
    if (record.length !== CSV_HEADER.length) {
      issues.push({ line, message: `Baris ${line}: harus ${CSV_HEADER.length} kolom, ditemukan ${record.length}.` });
      continue;
    }
    const [date, service, sexText, ageText, eduText, occText, ...answerTexts] = record as [string, string, string, string, string, string, ...string[]];

    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValidIsoDate(date)) problems.push(`date "${date}" bukan tanggal TTTT-BB-HH yang valid`);
    else if (date > ctx.today) problems.push(`date ${date} sesudah hari ini`);
    else if (date < '2000-01-01') problems.push(`date ${date} terlalu lampau`);

    if (service === '') problems.push('service wajib diisi (kode layanan)');
    else if (!ctx.serviceCodes.has(service)) problems.push(`service "${service}" bukan kode layanan di katalog`);

    const sex = oneOf(sexText.toUpperCase(), SEXES);
    if (sex === undefined) problems.push(`sex harus L atau P (atau kosong), bukan "${sexText}"`);

    let ageGroup: AgeGroup | null = null;
    if (ageText !== '') {
      const years = /^\d{1,3}$/.test(ageText) ? Number(ageText) : NaN;
      if (!Number.isInteger(years) || years < MIN_AGE || years > MAX_AGE) problems.push(`age harus bilangan bulat ${MIN_AGE}–${MAX_AGE} tahun (atau kosong), bukan "${ageText}"`);
      else ageGroup = ageGroupOf(years);
    }

    const education = oneOf(eduText.toUpperCase(), EDUCATIONS);
    if (education === undefined) problems.push(`education harus salah satu dari ${EDUCATIONS.join('|')} (atau kosong), bukan "${eduText}"`);
    const occupation = oneOf(occText.toUpperCase(), OCCUPATIONS);
    if (occupation === undefined) problems.push(`occupation harus salah satu dari ${OCCUPATIONS.join('|')} (atau kosong), bukan "${occText}"`);

    const answers = {} as Answers;
    ELEMENT_CODES.forEach((code, i) => {
      const t = answerTexts[i]!;
      if (t === '') answers[code] = null;
      else if (/^[1-4]$/.test(t)) answers[code] = Number(t) as AnswerValue;
      else {
        answers[code] = null;
        problems.push(`${code.toLowerCase()} harus 1–4 (atau kosong), bukan "${t}"`);
      }
    });
    if (problems.length === 0 && ELEMENT_CODES.every((c) => answers[c] === null)) problems.push('tidak ada satu unsur pun yang dijawab');

    if (problems.length > 0) {
      issues.push({ line, message: `Baris ${line}: ${problems.join('; ')}.` });
      continue;
    }
    out.push({ line, day: date, serviceCode: service, sex: sex ?? null, ageGroup, education: education ?? null, occupation: occupation ?? null, answers });
  }
  if (issues.length > 0) throw new SurveyCsvError(issues);
  return out;
}

/** '' → null (not filled); a listed value → itself; anything else → undefined (invalid). */
function oneOf<T extends string>(text: string, values: readonly T[]): T | null | undefined {
  if (text === '') return null;
  return (values as readonly string[]).includes(text) ? (text as T) : undefined;
}

function describeCsvError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'tanda kutip tidak ditutup';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'tanda kutip di tempat yang salah';
  return 'format tidak dikenali';
}

/** The CSV text of responses in the import format (for the paper entry screen's download and the tests). */
export function surveyCsvLine(r: Omit<CsvResponse, 'line' | 'ageGroup'> & { age: number | null }): string {
  return [r.day, r.serviceCode, r.sex ?? '', r.age ?? '', r.education ?? '', r.occupation ?? '', ...ELEMENT_CODES.map((c) => r.answers[c] ?? '')].join(',');
}
