import { expect, it } from 'vitest';
import { afterLabel, sentence } from './sentence';

it('ends a sentence with exactly one full stop, also after a title that has one', () => {
  expect(sentence('Disusun oleh Noorhasanah, S.Kom.')).toBe('Disusun oleh Noorhasanah, S.Kom.');
  expect(sentence('Disusun oleh Budi Santoso')).toBe('Disusun oleh Budi Santoso.');
  expect(sentence('Sudah diambil oleh Fahmi Rahman, S.Kom. ')).toBe('Sudah diambil oleh Fahmi Rahman, S.Kom.');
  expect(sentence('Apakah sudah lengkap?')).toBe('Apakah sudah lengkap?');
});

it('prints a label once when the text after it begins with the same words (service 7: "Jangka waktu Jangka waktu…")', () => {
  const s7 = 'Jangka waktu penyelesaian kendala teknis pengguna dilakukan secepat mungkin dan batas waktu maksimal 5 (lima) hari kerja.';
  expect(afterLabel('Jangka waktu', s7)).toBe('penyelesaian kendala teknis pengguna dilakukan secepat mungkin dan batas waktu maksimal 5 (lima) hari kerja.');
  expect(afterLabel('Jangka waktu:', 'jangka waktu: 30 menit')).toBe('30 menit');
  expect(afterLabel('Jangka waktu', '30 menit')).toBe('30 menit');
  // A longer word is not the label repeated, and a text that is only the label stays as it is.
  expect(afterLabel('Jangka waktu', 'Jangka waktunya 1 hari kerja')).toBe('Jangka waktunya 1 hari kerja');
  expect(afterLabel('Biaya', 'Biaya')).toBe('Biaya');
});
