/**
 * Journeys that set up their own office by hand (standard, maklumat, procedure): screenshots on request, the
 * shell's test clock, the side menu, and staff accounts added and switched to as a head of unit types them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Role } from '../../domain/events/schema';
import { ASSIGNABLE_ROLES } from '../../domain/roles';

export const STAFF_PASSWORD = 'sandi-petugas-2026';

const SHOTS = process.env.LPSE_E2E_SHOTS;
/** A full-page screenshot into LPSE_E2E_SHOTS when it is set (to look at), nothing otherwise. */
export async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Sets the clock of a shell started with `--test-clock`. */
export async function setClock(url: string, ms: number): Promise<void> {
  const token = /#token=([^&]+)/.exec(url)![1]!;
  const res = await fetch(new URL('/api/__test/clock', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

export async function nav(page: Page, label: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('button', { name: new RegExp(`^${label}`) }).click();
}

/** Clicks into a field, selects what it holds and types over it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Adds an account on the Akun Petugas screen with exactly `role` (the form keeps the previous account's boxes). */
export async function addStaff(page: Page, displayName: string, username: string, role: Role): Promise<void> {
  const form = page.getByTestId('add-staff');
  await typeInto(page, form.locator('input[name="displayName"]'), displayName);
  await page.keyboard.press('Tab');
  await page.keyboard.type(username);
  await typeInto(page, form.locator('input[name="password"]'), STAFF_PASSWORD);
  await typeInto(page, form.locator('input[name="confirm"]'), STAFF_PASSWORD);
  for (const r of ASSIGNABLE_ROLES) await page.getByTestId(`new-role-${r}`).setChecked(r === role);
  await page.getByTestId('add-staff-submit').click();
  await expect(page.getByTestId(`staff-${username}`)).toBeVisible();
}

/** Locks the screen and signs in as another account from the lock screen. */
export async function switchUser(page: Page, username: string): Promise<void> {
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('switch-user').click();
  await page.getByTestId('switch-username').click();
  await page.keyboard.type(username);
  await page.getByTestId('switch-password').click();
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen')).toBeHidden();
}
