/**
 * Switching an office's public pages on and off (`office public --office ID [--slug SLUG] --on|--off`): the
 * address `/kantor/<slug>/…` and the switch. Off, every public route of the office answers 404 and records
 * nothing; the device routes are not affected.
 */
import type { Kysely } from 'kysely';
import type { ServerDB } from '../schema';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface PublicSettings {
  officeId: string;
  slug: string | null;
  on: boolean;
}

export class PublicSettingsError extends Error {}

export async function setOfficePublicPages(db: Kysely<ServerDB>, officeId: string, change: { slug?: string; on: boolean }): Promise<PublicSettings> {
  return db.transaction().execute(async (tx) => {
    const office = await tx.selectFrom('offices').select(['id', 'public_slug']).where('id', '=', officeId).executeTakeFirst();
    if (!office) throw new PublicSettingsError(`Kantor dengan ID ${officeId} tidak ditemukan.`);
    let slug = office.public_slug;
    if (change.slug !== undefined) {
      const s = change.slug.trim().toLowerCase();
      if (!SLUG_RE.test(s)) throw new PublicSettingsError('Alamat (--slug) hanya huruf kecil, angka dan tanda hubung, 1–63 karakter, mis. lpse-banjarmasin.');
      const taken = await tx.selectFrom('offices').select('id').where('public_slug', '=', s).where('id', '<>', officeId).executeTakeFirst();
      if (taken) throw new PublicSettingsError(`Alamat "${s}" sudah dipakai kantor lain.`);
      slug = s;
    }
    if (change.on && !slug) throw new PublicSettingsError('Tentukan alamat halaman dengan --slug sebelum membukanya.');
    await tx.updateTable('offices').set({ public_slug: slug, public_forms: change.on ? 1 : 0 }).where('id', '=', officeId).execute();
    return { officeId, slug, on: change.on };
  });
}

export async function publicSettingsOf(db: Kysely<ServerDB>): Promise<Map<string, { slug: string | null; on: boolean }>> {
  const rows = await db.selectFrom('offices').select(['id', 'public_slug', 'public_forms']).execute();
  return new Map(rows.map((r) => [r.id, { slug: r.public_slug, on: r.public_forms === 1 }]));
}
