/**
 * Account fields shared by the sign-in methods (`api.ts`) and staff management (`staff.ts`): one rule for
 * usernames and one minimum password strength everywhere. Imports only zod, so any contract file can use it
 * without an import cycle through `api.ts`.
 */
import { z } from 'zod';

export const password = z.string().min(1, 'Kata sandi wajib diisi.').max(200, 'Kata sandi terlalu panjang.');

/** Minimum strength of a new password: 10 characters with letters and digits. */
export const newPassword = z
  .string()
  .min(10, 'Kata sandi minimal 10 karakter.')
  .max(200, 'Kata sandi terlalu panjang.')
  .refine((p) => /[a-zA-Z]/.test(p) && /\d/.test(p), 'Kata sandi harus memuat huruf dan angka.');

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah, atau tanda hubung.');
