/**
 * vendor_lookup_p95_ms: the guest book's type-ahead (`lookup.search` through the real dispatch, which also
 * searches visitors and counts each company's open returned files) over 100,000 companies. Queries are what
 * an officer types, keystroke by keystroke: the start of a distinctive word of the company name, the name
 * from its legal form on ("cv banua…"), or an NPWP from its first digits, with or without the dots.
 * Baseline, same run: the same statements the handler runs — companies, visitors, SPSE User IDs, open
 * returned files, company names — as bare prepared SQLite statements (no contract, no Kysely).
 */
import { performance } from 'node:perf_hooks';
import { createBackend } from '../backend/app';
import { DEMO_PASSWORD } from '../cli/demo-data';
import { Rng } from '../cli/demo-identities';
import { normalizeName } from '../db/projections';
import { digitQuery } from '../db/queries';
import type { OutputOf } from '../contract/api';
import { formatNpwp } from '../domain/validation';
import { COUNTER_DATASET, QUICK_DATASET } from './datasets';
import { call, figure, round, summarize, type BenchModule } from './harness';

type Kind = 'name_word' | 'name_from_start' | 'npwp_prefix';

interface Query {
  kind: Kind;
  text: string;
}

const LEGAL_PREFIX = /^(CV|PT|UD|Koperasi|Firma)\s+/;

/** Keystroke-by-keystroke queries towards `count` randomly chosen companies. */
function typedQueries(rng: Rng, companies: { name: string; npwp: string | null }[], perKind: number): Query[] {
  const out: Query[] = [];
  const add = (kind: Kind, full: string, from: number, to: number) => {
    for (let n = from; n <= Math.min(to, full.length) && out.filter((q) => q.kind === kind).length < perKind; n++) {
      const text = full.slice(0, n);
      if (text.trim() !== '') out.push({ kind, text });
    }
  };
  for (let guard = 0; guard < perKind * 20 && out.length < perKind * 3; guard++) {
    const c = rng.pick(companies);
    const words = c.name.replace(LEGAL_PREFIX, '').split(/\s+/).filter((w) => w.length >= 3);
    if (words.length > 0) add('name_word', rng.pick(words), 1, 8);
    add('name_from_start', c.name, 2, 14);
    if (c.npwp) add('npwp_prefix', rng.chance(0.5) ? c.npwp : formatNpwp(c.npwp), 2, 12);
  }
  return out;
}

export const lookupModule: BenchModule = {
  name: 'lookup',
  description: 'type-ahead over the vendors (lookup.search through dispatch)',
  datasets: (quick) => [quick ? QUICK_DATASET : COUNTER_DATASET],
  async run(ctx) {
    const ds = await ctx.dataset(ctx.quick ? QUICK_DATASET : COUNTER_DATASET);
    const work = await ctx.workCopy(ds, { shared: true }); // reads only
    const backend = await createBackend({ startupQuickCheck: false, dataDir: work.dir, transport: 'browser', sync: false, backup: false });
    try {
      const { sqlite } = backend.ctx;
      const vendors = (sqlite.prepare('SELECT count(*) AS n FROM vendors').get() as { n: number }).n;
      ctx.note('lookup.vendors', vendors);
      const token = (await call(backend, null, 'auth.signIn', { username: 'helpdesk1', password: DEMO_PASSWORD })).token;

      const rng = new Rng('bench-lookup');
      const maxRowid = (sqlite.prepare('SELECT max(rowid) AS m FROM vendors').get() as { m: number }).m;
      const at = sqlite.prepare('SELECT name, npwp FROM vendors WHERE rowid >= ? ORDER BY rowid LIMIT 1');
      const companies = Array.from({ length: 400 }, () => at.get(rng.int(1, maxRowid)) as { name: string; npwp: string | null });
      const perKind = ctx.quick ? 150 : 700;
      const queries = typedQueries(rng, companies, perKind);

      // Baseline: the same statements the handler runs for each query (db/queries.ts, backend/handlers/
      // index.ts `lookup.search`), as bare prepared SQLite statements with the same branching — companies by
      // NPWP prefix or by name (start of the name, then any fragment through the trigram index while the
      // list has room), visitors by NIK prefix or start of name, companies by SPSE User ID while the list has
      // room, the open returned files of the companies listed and the company names of the visitors listed.
      // What it leaves out is exactly what the figure is about: the contract, the session, Kysely, the rows
      // turned into the answer.
      const LIMIT = 10;
      const byNpwp = sqlite.prepare('SELECT * FROM vendors WHERE npwp >= ? AND npwp < ? ORDER BY npwp LIMIT ?');
      const byNamePrefix = sqlite.prepare('SELECT * FROM vendors WHERE name_norm >= ? AND name_norm < ? ORDER BY name_norm LIMIT ?');
      const byTrigram = sqlite.prepare('SELECT v.* FROM vendors_fts f JOIN vendors v ON v.rowid = f.rowid WHERE vendors_fts MATCH ? LIMIT ?');
      const personsByNik = sqlite.prepare('SELECT * FROM persons WHERE nik >= ? AND nik < ? ORDER BY nik LIMIT ?');
      const personsByName = sqlite.prepare('SELECT * FROM persons WHERE name_norm >= ? AND name_norm < ? ORDER BY name_norm LIMIT ?');
      const bySpse = sqlite.prepare(
        'SELECT * FROM vendors WHERE (spse_user_id >= ? AND spse_user_id < ?) OR (spse_user_id >= ? AND spse_user_id < ?) OR (spse_user_id >= ? AND spse_user_id < ?) ORDER BY spse_user_id LIMIT ?',
      );
      const returnedCounts = sqlite.prepare("SELECT vendor_id, count(*) AS n FROM visits WHERE vendor_id IN (SELECT value FROM json_each(?)) AND +status = 'returned' GROUP BY vendor_id");
      const companyNames = sqlite.prepare('SELECT id, name FROM vendors WHERE id IN (SELECT value FROM json_each(?))');
      const next = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
      type Row = { id: string; vendor_id?: string | null };
      const bare = (q: string) => {
        let vendors: Row[] = [];
        let persons: Row[] = [];
        const digits = digitQuery(q);
        if (digits !== null) {
          if (digits.length >= 2) {
            vendors = byNpwp.all(digits, next(digits), LIMIT) as Row[];
            persons = personsByNik.all(digits, next(digits), LIMIT) as Row[];
          }
        } else {
          const norm = normalizeName(q);
          if (norm.length > 0) {
            vendors = byNamePrefix.all(norm, next(norm), LIMIT) as Row[];
            if (vendors.length < LIMIT && norm.length >= 3) {
              const seen = new Set(vendors.map((v) => v.id));
              const fragment = (byTrigram.all(`"${norm.replace(/"/g, '""')}"`, LIMIT + vendors.length) as Row[]).filter((v) => !seen.has(v.id));
              vendors = [...vendors, ...fragment].slice(0, LIMIT);
            }
          }
          if (norm.length >= 2) persons = personsByName.all(norm, next(norm), LIMIT) as Row[];
        }
        const t = q.trim();
        if (vendors.length < LIMIT && t.length >= 3 && !/\s/.test(t)) {
          const [a, b, c] = [t, t.toLowerCase(), t.toUpperCase()];
          const seen = new Set(vendors.map((v) => v.id));
          const spse = (bySpse.all(a, next(a), b, next(b), c, next(c), LIMIT) as Row[]).filter((v) => !seen.has(v.id));
          vendors = [...vendors, ...spse].slice(0, LIMIT);
        }
        if (vendors.length > 0) returnedCounts.all(JSON.stringify(vendors.map((v) => v.id)));
        const ids = [...new Set(persons.map((p) => p.vendor_id).filter((v): v is string => !!v))];
        if (ids.length > 0) companyNames.all(JSON.stringify(ids));
      };

      ctx.log(`lookup: ${queries.length} type-ahead queries over ${vendors} vendors (after 100 warm-up queries)`);
      for (const q of queries.slice(0, 100)) await backend.dispatch('lookup.search', { query: q.text }, token);
      const times: Record<Kind, number[]> = { name_word: [], name_from_start: [], npwp_prefix: [] };
      const all: number[] = [];
      const bareTimes: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const t0 = performance.now();
        const r = await backend.dispatch('lookup.search', { query: q.text }, token);
        const dt = performance.now() - t0;
        if (!r.ok) throw new Error(`lookup.search failed for ${JSON.stringify(q.text)}: ${r.error.message}`);
        if ((r.value as OutputOf<'lookup.search'>).vendors.length > 0) hits++;
        times[q.kind].push(dt);
        all.push(dt);
        const b0 = performance.now();
        bare(q.text);
        bareTimes.push(performance.now() - b0);
      }
      const overall = summarize(all);
      const bareSummary = summarize(bareTimes);
      return {
        vendor_lookup_p95_ms: figure(overall.p95, '<= 10', {
          vendors,
          queries: all.length,
          queries_with_vendor_hits: hits,
          all_ms: overall,
          by_kind_ms: { name_word: summarize(times.name_word), name_from_start: summarize(times.name_from_start), npwp_prefix: summarize(times.npwp_prefix) },
          baseline_bare_sql_ms: bareSummary,
          baseline: 'the same statements the handler runs (companies, visitors, SPSE User IDs, open returned files, company names), bare prepared SQLite',
          // Issue 17's target: at most twice the bare SQL's p95.
          vs_bare_sql_p95: round(overall.p95 / bareSummary.p95, 2),
        }),
      };
    } finally {
      await backend.close();
      work.remove();
    }
  },
};
