/**
 * The service catalogue as handlers, reports and the survey read it: a published version (kept once read,
 * since a version never changes) and a service in it.
 */
import { AppError } from '../../contract/result';
import type { Exec } from '../../db/exec';
import { catalogueBody } from '../../db/queries';
import type { Catalogue, ServiceDefinition } from '../../domain/catalogue/types';
import type { AppContext, ReadContext } from '../context';

const catalogueCache = new Map<string, Catalogue>();

/** A published catalogue version (kept once read: a version never changes). Inside a transaction pass it as `db`. */
export async function loadCatalogue(app: ReadContext, version: number, db: Exec = app.db): Promise<Catalogue> {
  const key = `${app.dataDir}#${version}`;
  let c = catalogueCache.get(key);
  if (!c) {
    const body = await catalogueBody(db, version);
    if (!body) throw new AppError('not_found', `Katalog layanan versi ${version} tidak ditemukan.`);
    c = body;
    catalogueCache.set(key, c);
  }
  return c;
}

export function findService(c: Catalogue, code: string): ServiceDefinition | undefined {
  return c.services.find((s) => s.code === code);
}

/** The catalogue of a version and the service `code` in it (null without a code or when the version lacks it). */
export async function serviceOf(app: AppContext, catalogueVersion: number, code: string | null, db: Exec = app.db): Promise<{ catalogue: Catalogue; service: ServiceDefinition | null }> {
  const catalogue = await loadCatalogue(app, catalogueVersion, db);
  return { catalogue, service: code ? (findService(catalogue, code) ?? null) : null };
}
