/** The survey CSV import format: exact header, every field checked, a bad file refused whole with its rows named. */
import { describe, expect, it } from 'vitest';
import { parseSurveyCsv, SurveyCsvError } from './csv';

const ctx = { serviceCodes: new Set(['aktivasi_user_id', 'perubahan_email']), today: '2026-12-01' };
const HEADER = 'date,service,sex,age,education,occupation,u1,u2,u3,u4,u5,u6,u7,u8,u9';

function issues(text: string): string[] {
  try {
    parseSurveyCsv(text, ctx);
  } catch (err) {
    if (err instanceof SurveyCsvError) return err.issues.map((i) => i.message);
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('parseSurveyCsv', () => {
  it('reads rows with empty profile fields and blank answers, age kept only as its group', () => {
    const rows = parseSurveyCsv(
      `\uFEFF${HEADER}\r\n2026-11-03,aktivasi_user_id,L,34,D4-S1,SWASTA,4,3,3,4,3,4,4,,3\r\n2026-11-04,perubahan_email,,,,,3,3,3,4,3,3,3,3,3\r\n`,
      ctx,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 2, day: '2026-11-03', serviceCode: 'aktivasi_user_id', sex: 'L', ageGroup: '30-39', education: 'D4-S1', occupation: 'SWASTA' });
    expect(rows[0]!.answers.U8).toBeNull();
    expect(rows[0]!.answers.U9).toBe(3);
    expect(rows[1]).toMatchObject({ sex: null, ageGroup: null, education: null, occupation: null });
  });

  it('accepts ; as the separator (Excel with Indonesian settings) and quoted fields', () => {
    const rows = parseSurveyCsv(`${HEADER.replace(/,/g, ';')}\n"2026-11-03";aktivasi_user_id;P;"61";S2;PNS;4;4;4;4;4;4;4;4;4\n`, ctx);
    expect(rows[0]).toMatchObject({ sex: 'P', ageGroup: '60+', education: 'S2', occupation: 'PNS' });
  });

  it('refuses the whole file and names every bad row', () => {
    const text = [
      HEADER,
      '2026-11-03,aktivasi_user_id,L,34,D4-S1,SWASTA,4,3,3,4,3,4,4,,3', // line 2: fine
      '2026-02-30,aktivasi_user_id,L,34,D4-S1,SWASTA,4,3,3,4,3,4,4,,3', // line 3: no such date
      '2026-11-03,layanan_x,X,abc,SMK,PETANI,5,3,3,4,3,4,4,,0', // line 4: everything wrong
      '2026-11-03,aktivasi_user_id,,,,,,,,,,,,,', // line 5: nothing answered
      '2026-12-02,aktivasi_user_id,,,,,1,1,1,1,1,1,1,1,1', // line 6: tomorrow
      '2026-11-03,aktivasi_user_id,L,34', // line 7: too few columns
    ].join('\n');
    const msgs = issues(text);
    expect(msgs.map((m) => m.slice(0, 8))).toEqual(['Baris 3:', 'Baris 4:', 'Baris 5:', 'Baris 6:', 'Baris 7:']);
    expect(msgs[1]).toContain('service "layanan_x" bukan kode layanan');
    expect(msgs[1]).toContain('sex harus L atau P');
    expect(msgs[1]).toContain('age harus bilangan bulat');
    expect(msgs[1]).toContain('education harus salah satu dari SD|SMP|SMA|D1-D3|D4-S1|S2|S3');
    expect(msgs[1]).toContain('occupation harus salah satu');
    expect(msgs[1]).toContain('u1 harus 1–4');
    expect(msgs[1]).toContain('u9 harus 1–4');
    expect(msgs[2]).toContain('tidak ada satu unsur pun yang dijawab');
    expect(msgs[3]).toContain('sesudah hari ini');
    expect(msgs[4]).toContain('harus 15 kolom');
  });

  it('refuses a wrong header, an empty file, and an unclosed quote', () => {
    expect(issues('tanggal,layanan\n2026-11-03,x')[0]).toContain('judul kolom harus persis');
    expect(issues('')[0]).toBe('Berkas CSV kosong.');
    expect(issues(`${HEADER}\n`)[0]).toContain('tidak berisi satu kuesioner pun');
    expect(issues(`${HEADER}\n"2026-11-03,aktivasi_user_id`)[0]).toContain('tanda kutip tidak ditutup');
  });
});
