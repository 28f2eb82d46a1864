import type { MethodName, OutputOf, ParsedInputOf } from '../../contract/api';
import { AppError } from '../../contract/result';
import { SCHEMA_VERSION } from '../../db/migrations';
import { witaDay } from '../../db/projections';
import { activeCatalogueVersion, countUsers, openReturnedVisitCounts, searchPersons, searchVendors, searchVendorsBySpseUserId, vendorNames } from '../../db/queries';
import { ownedConnection } from '../../db/prepared';
import type { AuthedCallContext, CallContext } from '../context';
import { authHandlers } from './auth';
import { canSeePersonalData } from '../../domain/personal-data';
import { loadCatalogue } from '../views/catalogue';
import { toPersonSummary, toVendorSummary, toVisitRow } from '../views/visit';
import { vendorHistoryView } from '../views/vendor-record';
import { syncHandlers } from './sync';
import { visitHandlers } from './visits';
import { calendarHandlers } from './calendar';
import { dashboardHandlers } from './dashboard';
import { deskHandlers } from './desks';
import { excusedHandlers } from './excused';
import { staffHandlers } from './staff';
import { printHandlers } from './print';
import { reportHandlers } from './report';
import { complaintHandlers } from './complaints';
import { complaintLetterHandlers } from './complaint-letters';
import { securityHandlers } from './security';
import { surveyHandlers } from './survey';
import { queueHandlers } from './queue';
import { standardHandlers } from './standard';
import { dataSafetyHandlers } from './data-safety';
import { privacyHandlers } from './privacy';
import { maklumatHandlers } from './maklumat';
import { evaluationHandlers } from './evaluation';

type Handler<M extends MethodName> = (ctx: AuthedCallContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

/** Companies the type-ahead lists (name/NPWP matches first, then SPSE User ID matches). */
const LOOKUP_LIMIT = 10;

export const handlers: Handlers = {
  async 'app.status'(ctx: CallContext) {
    const { app } = ctx;
    return {
      setupRequired: (await countUsers(app.db)) === 0,
      deviceId: app.deviceId,
      appVersion: app.appVersion,
      schemaVersion: SCHEMA_VERSION,
      now: app.now(),
      today: witaDay(app.now()),
      catalogueVersion: await activeCatalogueVersion(app.db, witaDay(app.now())),
      transport: app.transport,
      dataDir: app.dataDir,
      storage: app.storage,
    };
  },
  ...authHandlers,

  async 'catalogue.active'(ctx) {
    return loadCatalogue(ctx.app, await activeCatalogueVersion(ctx.app.db, witaDay(ctx.app.now())));
  },
  async 'catalogue.get'(ctx, input) {
    return loadCatalogue(ctx.app, input.version);
  },

  async 'lookup.search'(ctx, input) {
    // Every keystroke of the type-ahead: its reads run on one held connection, the fixed ones as prepared
    // statements straight on it (db/prepared.ts), instead of queueing each on Kysely's connection lock.
    const { vendors, persons, counts, companyNames } = await ownedConnection(ctx.app.db, ctx.app.sqlite, async (db) => {
      const byName = await searchVendors(db, input.query, LOOKUP_LIMIT);
      const persons = await searchPersons(db, input.query);
      // Issue 14: a vendor is also found by its SPSE User ID, after the name/NPWP matches (only when those
      // leave room in the list: they come first, so a full list would show none of them).
      const bySpse = byName.length < LOOKUP_LIMIT ? await searchVendorsBySpseUserId(db, input.query, LOOKUP_LIMIT) : [];
      const seen = new Set(byName.map((v) => v.id));
      const vendors = [...byName, ...bySpse.filter((v) => !seen.has(v.id))].slice(0, LOOKUP_LIMIT);
      const counts = await openReturnedVisitCounts(db, vendors.map((v) => v.id));
      const companyNames = await vendorNames(db, [...new Set(persons.map((p) => p.vendor_id).filter((v): v is string => !!v))]);
      return { vendors, persons, counts, companyNames };
    });
    const full = canSeePersonalData(ctx.session.roles);
    return {
      vendors: vendors.map((v) => ({ ...toVendorSummary(v), openReturnedVisits: counts.get(v.id) ?? 0 })),
      persons: persons.map((p) => toPersonSummary(p, p.vendor_id ? (companyNames.get(p.vendor_id) ?? null) : null, full)),
    };
  },

  async 'vendors.get'(ctx, input) {
    const db = ctx.app.db;
    const vendor = await db.selectFrom('vendors').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!vendor) throw new AppError('not_found', 'Perusahaan tidak ditemukan.');
    const contacts = await db.selectFrom('persons').selectAll().where('vendor_id', '=', input.id).orderBy('updated_at', 'desc').limit(20).execute();
    const visits = await db.selectFrom('visits').selectAll().where('vendor_id', '=', input.id).orderBy('arrived_at', 'desc').limit(20).execute();
    const full = canSeePersonalData(ctx.session.roles);
    const catalogue = await loadCatalogue(ctx.app, await activeCatalogueVersion(db, witaDay(ctx.app.now())));
    return {
      vendor: toVendorSummary(vendor),
      contacts: contacts.map((p) => toPersonSummary(p, vendor.name, full)),
      recentVisits: visits.map((v) => toVisitRow(v, catalogue)),
      history: await vendorHistoryView(ctx.app, input.id),
    };
  },

  ...visitHandlers,
  ...staffHandlers,
  ...calendarHandlers,
  ...deskHandlers,
  ...excusedHandlers,
  ...dashboardHandlers,
  ...syncHandlers,
  ...printHandlers,
  ...reportHandlers,
  ...complaintHandlers,
  ...complaintLetterHandlers,
  ...securityHandlers,
  ...surveyHandlers,
  ...queueHandlers,
  ...standardHandlers,
  ...dataSafetyHandlers,
  ...privacyHandlers,
  ...maklumatHandlers,
  ...evaluationHandlers,
};
