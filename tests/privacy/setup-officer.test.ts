/** The data-protection officer is asked for at setup and kept as the office setting exports print (issue 15 item 6). */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('data-protection officer at setup', () => {
  it('records the officer given at setup; an empty answer leaves it for the settings', async () => {
    app = await startTestApp();
    const s = await app.ok('auth.setup', {
      username: 'kabag',
      displayName: 'Kepala Bagian',
      password: 'rahasia-123',
      dpoName: 'Dra. Hj. Noor Aida, M.Si.',
      dpoContact: 'ppdp@banjarmasinkota.go.id',
    });
    app.token = s.token;
    const o = await app.ok('privacy.overview', {});
    expect(o.dpoName).toBe('Dra. Hj. Noor Aida, M.Si.');
    expect(o.dpoContact).toBe('ppdp@banjarmasinkota.go.id');
    await app.backend.close();

    app = await startTestApp();
    app.token = (await app.ok('auth.setup', { username: 'kabag', displayName: 'Kepala Bagian', password: 'rahasia-123', dpoName: '', dpoContact: '' })).token;
    expect((await app.ok('privacy.overview', {})).dpoName).toBeNull();
    const tooLong = await app.call('privacy.setRetention', { months: 1201 });
    expect(tooLong.ok).toBe(false);
  });
});
