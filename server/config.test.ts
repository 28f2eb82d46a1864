import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('server settings', () => {
  it('TRUST_PROXY is a list of proxy addresses; "true" (believe any X-Forwarded-For) is refused with a reason', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/24' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/24']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/sebutkan alamat proksi/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/tidak valid/);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '30000' }).requestTimeoutMs).toBe(30000);
  });
});
