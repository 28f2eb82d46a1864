/**
 * Starts the real browser shell (dist/node/shell.mjs, built by `npm test` before Playwright runs) on its own
 * data folder, and stops it. Tests restart it on the same folder to prove nothing is lost.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { existingFileDatabaseKey } from '../../db/database-key';
import { openEitherWay } from '../../db/sqlite';
import { witaDateTimeToMs } from '../../domain/time/wita';

export interface RunningShell {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function newDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lpse-e2e-${name}-`));
}

export async function startShell(dataDir: string, extraArgs: string[] = []): Promise<RunningShell> {
  // A demo-data folder runs on the office clock (see OFFICE_NOW); open its pages with gotoOnOfficeClock.
  const clock = officeDirs.has(dataDir) ? ['--test-clock-start', String(OFFICE_NOW)] : [];
  const child: ChildProcess = spawn(process.execPath, ['dist/node/shell.mjs', '--data-dir', dataDir, '--port', '0', '--no-open', '--no-pdf-warm-up', ...clock, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LPSE_LOG: 'silent' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`shell did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /siap: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`shell exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const SUPERVISOR = { name: 'Hj. Siti Rahmah, S.E.', username: 'kasubbag', password: 'rahasia-123' };

/** First run: creates the supervisor account; later runs: signs in. */
export async function signIn(page: Page, url: string, user = SUPERVISOR): Promise<void> {
  await page.goto(url);
  const setup = page.getByRole('heading', { name: 'Penyiapan awal' });
  const signInHeading = page.getByRole('heading', { name: 'Masuk' });
  await setup.or(signInHeading).waitFor();
  if (await setup.isVisible()) {
    await page.locator('input').nth(0).fill(user.name);
    await page.locator('input').nth(1).fill(user.username);
    await page.locator('input[type=password]').nth(0).fill(user.password);
    await page.locator('input[type=password]').nth(1).fill(user.password);
    await page.getByRole('button', { name: 'Buat akun pimpinan' }).click();
  } else {
    await page.locator('input').nth(0).fill(user.username);
    await page.locator('input[type=password]').fill(user.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
  }
  await page.getByTestId('guestbook-ready').waitFor();
}

/**
 * The office afternoon every demo-data test runs on: Tuesday 3 November 2026, 14:30 WITA, a working day
 * with the counter open. Demo data ends there, and the shell's and the page's clocks start there and run, so
 * "today's guest book" holds a working day's visits whenever the tests run (at night, on a Sunday).
 */
export const OFFICE_NOW = witaDateTimeToMs('2026-11-03', '14:30');
const officeDirs = new Set<string>();

/** Opens `url` on the office clock (installed once per browser context, before the first page load). */
const officeContexts = new WeakSet<BrowserContext>();
export async function gotoOnOfficeClock(page: Page, url: string): Promise<void> {
  if (!officeContexts.has(page.context())) {
    await page.context().clock.install({ time: OFFICE_NOW });
    officeContexts.add(page.context());
  }
  await page.goto(url);
}

/** A data folder filled by the demo-data generator (CLI), with its staff accounts (password DEMO_PASSWORD). */
export function demoDataDir(name: string, visits: number, days: number): string {
  const dir = newDataDir(name);
  officeDirs.add(dir);
  execFileSync(process.execPath, ['dist/node/cli.mjs', 'demo-data', '--visits', String(visits), '--days', String(days), '--now', '2026-11-03T14:30', '--data-dir', dir], {
    env: { ...process.env, LPSE_LOG: 'silent' },
    stdio: 'ignore',
  });
  return dir;
}
export const DEMO_PASSWORD = 'demo-lpse-2026';

/** Calls the contract over the shell's HTTP transport, as the page does (setup steps a test does not type). */
export async function api<T = unknown>(shell: RunningShell, method: string, input: unknown, session: string | null = null): Promise<T> {
  const token = /#token=([^&]+)/.exec(shell.url)![1]!;
  const res = await fetch(new URL(`/api/${method}`, shell.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(session ? { 'X-Session': session } : {}) },
    body: JSON.stringify({ input }),
  });
  const r = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
  return r.value as T;
}

/** What has the keyboard focus: its test id, name, accessible label or text, for assertions on focus. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const testId = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid');
    const name = el.getAttribute('name');
    const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : null) ?? el.closest('label')?.textContent?.trim();
    return [el.tagName.toLowerCase(), testId && `#${testId}`, name && `[${name}]`, label && `"${label}"`, !label && el.textContent?.trim().slice(0, 40)].filter(Boolean).join(' ');
  });
}

/** Counts a visit's events of a type in the workstation's database (read-only, beside the running shell). */
export function countEvents(dataDir: string, aggregateId: string, type: string): number {
  const db = openEitherWay(path.join(dataDir, 'counter.sqlite'), existingFileDatabaseKey(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events WHERE aggregate_id = ? AND type = ?').get(aggregateId, type) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Payloads of a visit's events of a type, oldest first. */
export function eventPayloads(dataDir: string, aggregateId: string, type: string): Record<string, unknown>[] {
  const db = openEitherWay(path.join(dataDir, 'counter.sqlite'), existingFileDatabaseKey(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT payload FROM events WHERE aggregate_id = ? AND type = ? ORDER BY seq').all(aggregateId, type) as { payload: string }[]).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

/**
 * Types a date into an Indonesian date field (renderer/src/ui/DateField.tsx) as a person does: into the day
 * segment, digit by digit (`ddmmyyyy`), then Tab to leave the field, which commits it.
 */
export async function typeDate(page: Page, field: ReturnType<Page['getByTestId']>, ddmmyyyy: string): Promise<void> {
  await field.locator('[data-type="day"]').click();
  await page.keyboard.type(ddmmyyyy);
  await page.keyboard.press('Tab');
}

interface ChecklistItemShape {
  code: string;
  copyRequired: boolean;
  mustBeValid: boolean;
  needsMeterai: boolean;
}

/**
 * A complete file handed over by the demo helpdesk officer through the contract (a step a test does not
 * need to type): registered for `serviceCode`, every requirement ticked, handed over. Returns the visit id.
 */
export async function handedOverVisit(shell: RunningShell, visitorName: string, serviceCode = 'perubahan_email'): Promise<string> {
  const session = await api<{ token: string }>(shell, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD });
  const reg = await api<{ visit: { visit: { id: string }; checklist: ChecklistItemShape[] } }>(
    shell,
    'visits.register',
    {
      person: { id: null, name: visitorName, nik: '6371011503900001', phone: '0812 5123 4567', email: '' },
      company: { id: null, name: `CV ${visitorName}`, legalForm: 'CV', npwp: '', address: '', email: '', phone: '', leaderName: visitorName },
      visitorRole: 'leader',
      serviceCode,
      purposeNote: '',
      privacyNoticeShown: true,
    },
    session.token,
  );
  const visitId = reg.visit.visit.id;
  for (const item of reg.visit.checklist) {
    await api(
      shell,
      'visits.markItem',
      { visitId, itemCode: item.code, originalSeen: true, copyReceived: item.copyRequired, validUntil: item.mustBeValid ? '2030-12-31' : null, meteraiOk: item.needsMeterai, notBrought: false, note: '' },
      session.token,
    );
  }
  await api(shell, 'visits.handOver', { visitId }, session.token);
  return visitId;
}

/**
 * Opens the paper questionnaire grid from the survey menu and types its first row from the keyboard
 * (service, "p35" for sex/age, two Tabs, nine answers); returns the row.
 */
export async function typeFirstPaperRow(page: Page): Promise<ReturnType<Page['getByTestId']>> {
  await page.locator('nav.sidebar').getByRole('button', { name: /^Survei Kepuasan/ }).click();
  await page.getByTestId('open-paper-entry').click();
  await expect(page.getByTestId('paper-screen')).toBeVisible();
  const row0 = page.getByTestId('paper-row-0');
  await row0.getByLabel('Baris 1: layanan').selectOption('aktivasi_user_id');
  await row0.getByLabel('Baris 1: jenis kelamin (L/P)').focus();
  await page.keyboard.type('p35');
  await expect(row0.getByLabel('Baris 1: pendidikan')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(row0.getByLabel('Baris 1: U1 Persyaratan')).toBeFocused();
  await page.keyboard.type('434433423');
  return row0;
}
