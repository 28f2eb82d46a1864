/**
 * The handling units (desks) the backend knows (issue 14, domain/catalogue/units.ts): those of a visit's
 * catalogue version, and every unit of any published version (the desks that may hold files, for menus and
 * the desk queue's argument). A published version never changes, so both are read through `loadCatalogue`'s
 * cache; the union is recomputed only when a newer version exists.
 */
import { AppError } from '../../contract/result';
import type { Exec } from '../../db/exec';
import { latestCatalogueVersion } from '../../db/queries';
import type { Catalogue, HandlingUnitDefinition } from '../../domain/catalogue/types';
import { unionOfUnits, unitOf } from '../../domain/catalogue/units';
import type { ReadContext } from '../context';
import { loadCatalogue } from './catalogue';

const unionCache = new Map<string, { latest: number; units: HandlingUnitDefinition[] }>();

/** Every unit of every published version, seeded units first, the newest definition of a code winning. */
export async function knownUnits(app: ReadContext, db: Exec = app.db): Promise<HandlingUnitDefinition[]> {
  const latest = await latestCatalogueVersion(db);
  const hit = unionCache.get(app.dataDir);
  if (hit && hit.latest === latest) return hit.units;
  const catalogues: Catalogue[] = [];
  for (let v = 1; v <= latest; v++) {
    try {
      catalogues.push(await loadCatalogue(app, v, db));
    } catch {
      // A gap in the numbering (never expected) leaves that version out rather than every desk.
    }
  }
  const units = unionOfUnits(catalogues);
  unionCache.set(app.dataDir, { latest, units });
  return units;
}

/** The desk named by `code`, or a clear refusal naming it. */
export async function knownUnit(app: ReadContext, code: string): Promise<HandlingUnitDefinition> {
  const u = (await knownUnits(app)).find((x) => x.code === code);
  if (!u) throw new AppError('invalid_input', `Meja "${code}" tidak dikenal dalam katalog layanan.`, [{ path: 'desk', message: `Meja "${code}" tidak dikenal.` }]);
  return u;
}

/** The unit a visit was handed to, as the catalogue version the visit started with defines it. */
export async function unitOfVisit(app: ReadContext, v: { catalogueVersion: number; handedOverTo: string | null }, db: Exec = app.db): Promise<HandlingUnitDefinition | null> {
  if (v.handedOverTo === null) return null;
  return unitOf(await loadCatalogue(app, v.catalogueVersion, db), v.handedOverTo);
}
