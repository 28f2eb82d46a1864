import { expect, it } from 'vitest';
import { normalizeServerUrl } from './engine';

it('reads the sync server address as typed: with or without a scheme, with a scheme typed twice', () => {
  expect(normalizeServerUrl('https://sinkron.lpse.banjarmasinkota.go.id/')).toBe('https://sinkron.lpse.banjarmasinkota.go.id');
  expect(normalizeServerUrl('sinkron.lpse.banjarmasinkota.go.id')).toBe('https://sinkron.lpse.banjarmasinkota.go.id');
  // The field once started with "https://" and the officer typed the whole address after it.
  expect(normalizeServerUrl('https://http://10.20.0.5:8787')).toBe('http://10.20.0.5:8787');
  expect(normalizeServerUrl('https://https://sinkron.example.go.id')).toBe('https://sinkron.example.go.id');
  expect(() => normalizeServerUrl('ftp://sinkron.example.go.id')).toThrow(/https:\/\/ atau http:\/\//);
});
