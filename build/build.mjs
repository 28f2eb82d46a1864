#!/usr/bin/env node
// Builds every runnable part: Node entry points (browser shell, CLI, sync server, bench) and Electron's main
// and preload with esbuild, the renderer with Vite. `--if-stale` skips the work when no source is newer
// than its output, so `npm run cli` stays fast.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (m) => !quiet && process.stderr.write(`${m}\n`);

const NODE_ENTRIES = {
  shell: 'shell/main.ts',
  cli: 'cli/main.ts',
  server: 'server/main.ts',
  bench: 'bench/main.ts',
  // The background worker (backend/jobs/): started by the backend from the file beside its bundle.
  worker: 'backend/jobs/worker.ts',
  // The sync server's signature checks (server/verify-pool.ts): started from the file beside server.mjs or bench.mjs.
  'verify-worker': 'server/verify-worker.ts',
};
const SOURCE_DIRS = ['domain', 'contract', 'trust', 'db', 'backend', 'shell', 'cli', 'server', 'bench', 'electron', 'renderer', 'print', 'assets'];

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  for (const f of ['package.json', 'vite.config.ts', 'build/build.mjs']) walk(path.join(root, f));
  return newest;
}

const stamp = path.join(root, 'dist', '.build-stamp');
if (args.has('--if-stale') && fs.existsSync(stamp)) {
  const built = fs.statSync(stamp).mtimeMs;
  if (newestMtime(SOURCE_DIRS) <= built) process.exit(0);
}

const started = Date.now();
// Packages stay outside the Node bundles (loaded from node_modules at run time), except the pure-JS ones every
// start loads in full: zod and kysely ship as hundreds of small ES modules each, and resolving, reading and
// linking them one by one was most of the browser shell's start-up before it could answer (issue 17, ADR 0045).
const INLINED = new Set(['zod', 'kysely']);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outside = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies }).filter((p) => !INLINED.has(p));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: [...outside, ...outside.map((p) => `${p}/*`)],
  logLevel: 'warning',
  define: { 'process.env.LPSE_BUILD': '"1"' },
};

/** The contract's method names (contract/api.ts METHOD_NAMES), read from a throwaway bundle of the contract. */
async function contractMethodNames() {
  const file = path.join(root, 'dist', `.contract-${process.pid}.mjs`);
  try {
    await esbuild({ ...common, external: [], sourcemap: false, entryPoints: [path.join(root, 'contract/api.ts')], outfile: file, format: 'esm' });
    const { METHOD_NAMES } = await import(pathToFileURL(file).href);
    if (!Array.isArray(METHOD_NAMES) || METHOD_NAMES.length === 0) throw new Error('contract/api.ts exports no METHOD_NAMES');
    return METHOD_NAMES;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const nodeEntries = Object.fromEntries(Object.entries(NODE_ENTRIES).filter(([, src]) => fs.existsSync(path.join(root, src))));
await esbuild({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(nodeEntries).map(([k, v]) => [k, path.join(root, v)])),
  outdir: path.join(root, 'dist/node'),
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // ESM bundles still meet CommonJS code that expects require/__dirname.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
if (fs.existsSync(path.join(root, 'electron/main.ts'))) {
  await esbuild({
    ...common,
    // The background worker beside main.mjs: Electron's main process starts it as a worker thread.
    entryPoints: { main: path.join(root, 'electron/main.ts'), worker: path.join(root, 'backend/jobs/worker.ts') },
    outdir: path.join(root, 'dist/electron'),
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    external: [...common.external, 'electron'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // A sandboxed preload must be a single CommonJS file that requires nothing but 'electron'. Of the contract it
  // needs only the methods' names: they are taken from the contract here and written into the preload, which
  // would otherwise carry every zod schema (about 1 MB evaluated at the start of every window).
  const methodNames = await contractMethodNames();
  await esbuild({
    ...common,
    plugins: [
      {
        name: 'contract-method-names',
        setup(b) {
          b.onResolve({ filter: /\/contract\/api$/ }, () => ({ path: 'method-names', namespace: 'contract' }));
          b.onLoad({ filter: /.*/, namespace: 'contract' }, () => ({ contents: `export const METHOD_NAMES = ${JSON.stringify(methodNames)};`, loader: 'js' }));
        },
      },
    ],
    entryPoints: { preload: path.join(root, 'electron/preload.ts') },
    outdir: path.join(root, 'dist/electron'),
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    platform: 'browser',
  });
}
// electron-builder's afterPack hook (electron-builder.yml): sets the Electron fuses in the packaged binary.
await esbuild({
  ...common,
  entryPoints: { 'after-pack': path.join(root, 'build/fuses.ts') },
  outdir: path.join(root, 'dist/electron-builder'),
  format: 'esm',
  outExtension: { '.js': '.mjs' },
});
say(`node bundles built in ${Date.now() - started} ms`);

if (!args.has('--node-only') && fs.existsSync(path.join(root, 'renderer/index.html'))) {
  const t = Date.now();
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  say(`renderer built in ${Date.now() - t} ms`);
}
fs.mkdirSync(path.dirname(stamp), { recursive: true });
fs.writeFileSync(stamp, new Date().toISOString());
