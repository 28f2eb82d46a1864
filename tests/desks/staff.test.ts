/** Staff accounts, own password, sign-in throttling, screen lock and user switching, through the contract. */
import { witaDateTimeToMs } from '../../domain/time/wita';
import { afterEach, describe, expect, it } from 'vitest';
import { PERWALI_67_2018 } from '../../domain/catalogue/perwali-67-2018';
import { signInAsSupervisor, startTestApp, type TestApp } from '../helpers';
import { addStaff, eventCount, PASSWORD, signInAs } from './desk-helpers';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.backend.close();
  app = null;
});

describe('staff accounts', () => {
  it('adds staff with several roles, lists, disables, re-enables and resets passwords', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const weak = await app.call('users.create', { username: 'rina', displayName: 'Rina', roles: ['verifier'], password: 'pendek1' });
    expect(!weak.ok && weak.error.issues?.map((i) => i.path)).toEqual(['password']);
    const noDigit = await app.call('users.create', { username: 'rina', displayName: 'Rina', roles: ['verifier'], password: 'hanyahurufsaja' });
    expect(!noDigit.ok && noDigit.error.issues?.[0]?.message).toBe('Kata sandi harus memuat huruf dan angka.');
    const noRole = await app.call('users.create', { username: 'rina', displayName: 'Rina', roles: [], password: PASSWORD });
    expect(!noRole.ok && noRole.error.issues?.[0]?.path).toBe('roles');

    const rina = await app.ok('users.create', { username: ' Rina ', displayName: 'Rina Wati', roles: ['verifier', 'helpdesk', 'verifier'], password: PASSWORD });
    expect(rina).toMatchObject({ username: 'rina', roles: ['helpdesk', 'verifier'], active: true });
    const dup = await app.call('users.create', { username: 'rina', displayName: 'Lain', roles: ['helpdesk'], password: PASSWORD });
    expect(!dup.ok && dup.error.code).toBe('conflict');

    await signInAs(app, 'rina');
    const rinaToken = app.token;
    await signInAsSupervisor(app);
    const disabled = await app.ok('users.disable', { userId: rina.id, reason: 'Mutasi ke bagian lain' });
    expect(disabled.active).toBe(false);
    // Her open session ended and she can no longer sign in.
    expect((await app.backend.dispatch('auth.me', {}, rinaToken)).ok).toBe(false);
    const refused = await app.call('auth.signIn', { username: 'rina', password: PASSWORD });
    expect(!refused.ok && refused.error.code).toBe('bad_credentials');

    await app.ok('users.enable', { userId: rina.id });
    await app.ok('users.resetPassword', { userId: rina.id, newPassword: 'sandi-baru-2026' });
    expect((await app.call('auth.signIn', { username: 'rina', password: PASSWORD })).ok).toBe(false);
    await signInAsSupervisor(app);
    await app.ok('users.setRoles', { userId: rina.id, roles: ['sysadmin'] });
    const list = await app.ok('users.list', {});
    expect(list.users.map((u) => [u.username, u.roles, u.active])).toEqual([
      ['kasubbag', ['kepala_subbagian', 'kepala_bagian'], true],
      ['rina', ['sysadmin'], true],
    ]);
    const s = await app.ok('auth.signIn', { username: 'rina', password: 'sandi-baru-2026' });
    expect(s.user.roles).toEqual(['sysadmin']);
  });

  it('never leaves the office without an active supervisor', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const me = (await app.ok('auth.me', {})).user.id;
    const self = await app.call('users.disable', { userId: me, reason: null });
    expect(!self.ok && self.error.code).toBe('invalid_state');
    const demote = await app.call('users.setRoles', { userId: me, roles: ['helpdesk'] });
    expect(!demote.ok && demote.error.message).toBe('Peran supervisor tidak dapat dicabut dari supervisor aktif terakhir.');
    // Adding a role to oneself keeps the session, now with both roles.
    await app.ok('users.setRoles', { userId: me, roles: ['kepala_bagian', 'verifier', 'kepala_subbagian'] });
    expect((await app.ok('auth.me', {})).user.roles).toEqual(['verifier', 'kepala_subbagian', 'kepala_bagian']);
    expect((await app.call('desk.queue', { desk: 'verifier' })).ok).toBe(true);
    const second = await addStaff(app, 'kabag', ['kepala_bagian'], 'Kepala Bagian');
    await signInAs(app, 'kabag');
    const before = eventCount(app);
    const last = await app.call('users.disable', { userId: me, reason: null });
    expect(last.ok).toBe(true);
    expect(eventCount(app)).toBe(before + 1);
    const lastOne = await app.call('users.setRoles', { userId: second, roles: ['verifier'] });
    expect(!lastOne.ok && lastOne.error.code).toBe('invalid_state');
  });

  it('lets a user change their own password only with the current one', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'budi', ['verifier']);
    await signInAs(app, 'budi');
    const wrong = await app.call('auth.changePassword', { currentPassword: 'salah-sekali-1', newPassword: 'budi-baru-2026' });
    expect(!wrong.ok && wrong.error.code).toBe('bad_credentials');
    const same = await app.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(!same.ok && same.error.code).toBe('invalid_input');
    const weak = await app.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'abc' });
    expect(!weak.ok && weak.error.code).toBe('invalid_input');
    await app.ok('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'budi-baru-2026' });
    expect((await app.call('auth.me', {})).ok).toBe(true); // this session continues
    expect((await app.call('auth.signIn', { username: 'budi', password: 'budi-baru-2026' })).ok).toBe(true);
  });
});

describe('sign-in throttling', () => {
  it('refuses even the right password after 5 failures until the injected clock passes the lock', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'budi', ['verifier']);
    app.token = null;
    for (let i = 0; i < 5; i++) {
      const r = await app.call('auth.signIn', { username: 'budi', password: `tebakan-${i}` });
      expect(!r.ok && r.error.code).toBe('bad_credentials');
    }
    const locked = await app.call('auth.signIn', { username: 'budi', password: PASSWORD });
    expect(!locked.ok && locked.error).toMatchObject({ code: 'throttled', message: 'Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam 1 menit.' });
    // Other staff can still sign in at this PC.
    expect((await app.call('auth.signIn', { username: 'kasubbag', password: PASSWORD })).ok).toBe(true);
    app.clock.advance(1);
    expect((await app.call('auth.signIn', { username: 'budi', password: PASSWORD })).ok).toBe(true);
    // Unknown usernames are throttled the same way (no hint that the name does not exist).
    for (let i = 0; i < 5; i++) await app.call('auth.signIn', { username: 'tidakada', password: 'x' });
    const ghost = await app.call('auth.signIn', { username: 'tidakada', password: 'x' });
    expect(!ghost.ok && ghost.error.code).toBe('throttled');
  });
});

describe('screen lock and user switching', () => {
  it('locks a session, refuses work while locked, and unlocks with the same user password', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    expect(await app.ok('settings.screenLock', {})).toEqual({ screenLockMinutes: 10 });
    await app.ok('settings.setScreenLock', { screenLockMinutes: 5 });
    const bad = await app.call('settings.setScreenLock', { screenLockMinutes: 0 });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    await addStaff(app, 'budi', ['helpdesk']);
    await signInAs(app, 'budi');
    expect(await app.ok('auth.lockState', {})).toEqual({ locked: false, screenLockMinutes: 5 });
    const token = app.token;

    await app.ok('auth.lock', {});
    const refused = await app.call('visits.list', {});
    expect(!refused.ok && refused.error.code).toBe('locked');
    expect((await app.ok('auth.lockState', {})).locked).toBe(true);
    const wrong = await app.call('auth.unlock', { password: 'salah-sekali-1' });
    expect(!wrong.ok && wrong.error.code).toBe('bad_credentials');
    expect((await app.call('visits.list', {})).ok).toBe(false);
    await app.ok('auth.unlock', { password: PASSWORD });
    expect(app.token).toBe(token);
    expect((await app.call('visits.list', {})).ok).toBe(true);
  });

  it('switches user on a shared PC: another user signs in from the locked screen and the previous session ends', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    await addStaff(app, 'budi', ['helpdesk']);
    await addStaff(app, 'rina', ['verifier']);
    await signInAs(app, 'budi');
    const budi = app.token;
    await app.ok('auth.lock', {});
    const s = await app.ok('auth.signIn', { username: 'rina', password: PASSWORD });
    expect(s.user.username).toBe('rina');
    const old = await app.backend.dispatch('auth.me', {}, budi);
    expect(!old.ok && old.error.code).toBe('unauthenticated');
    app.token = s.token;
    expect((await app.call('desk.queue', { desk: 'verifier' })).ok).toBe(true);
  });
});

describe('catalogue publication', () => {
  it('publishes the next version only, validated whole, by the supervisor', async () => {
    app = await startTestApp();
    await signInAsSupervisor(app);
    const next = structuredClone(PERWALI_67_2018);
    next.version = 2;
    next.effectiveFrom = '2027-01-01';
    next.services[0]!.timeLimit = { ...next.services[0]!.timeLimit, amount: 20, text: '20 menit' };
    const wrongVersion = await app.call('catalogue.publish', { catalogue: { ...next, version: 5 }, note: null });
    expect(!wrongVersion.ok && wrongVersion.error.code).toBe('conflict');
    const broken = await app.call('catalogue.publish', { catalogue: { ...next, services: [] }, note: null });
    expect(!broken.ok && broken.error.code).toBe('invalid_input');
    expect(await app.ok('catalogue.publish', { catalogue: next, note: 'Perwali perubahan' })).toEqual({ version: 2 });
    // Its effective date is honoured (issue 14): version 1 stays in force until 1 January 2027.
    expect((await app.ok('catalogue.active', {})).version).toBe(1);
    app.clock.ms = witaDateTimeToMs('2027-01-04', '08:00');
    await signInAsSupervisor(app);
    const active = await app.ok('catalogue.active', {});
    expect(active.version).toBe(2);
    expect(active.services[0]!.timeLimit.amount).toBe(20);
  });
});
