import { expect, it } from 'vitest';
import { sentence } from './sentence';

it('ends a sentence with exactly one full stop, also after a title that has one', () => {
  expect(sentence('Disusun oleh Noorhasanah, S.Kom.')).toBe('Disusun oleh Noorhasanah, S.Kom.');
  expect(sentence('Disusun oleh Budi Santoso')).toBe('Disusun oleh Budi Santoso.');
  expect(sentence('Sudah diambil oleh Fahmi Rahman, S.Kom. ')).toBe('Sudah diambil oleh Fahmi Rahman, S.Kom.');
  expect(sentence('Apakah sudah lengkap?')).toBe('Apakah sudah lengkap?');
});
