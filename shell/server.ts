/**
 * The browser shell's transport (DESIGN §1): serves the renderer bundle and the contract over HTTP on
 * 127.0.0.1 only. Every API call carries the per-run secret token; requests whose Host or Origin is not this
 * server are refused (DNS rebinding), so another web page in the same browser cannot reach the backend.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ChangeNotice } from '../contract/changes';
import type { Result } from '../contract/result';
import { ERROR_MESSAGES } from '../contract/result';
import { ASSET_CSP, newNonce, pageCsp, pageWithNonce } from './csp';


const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A comment line on the change stream this often, so a dead connection shows on both ends. */
const HEARTBEAT_MS = 20_000;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // The waiting room's announcement clips (renderer/public/voice, ADR 0013).
  '.ogg': 'audio/ogg',
};

export type Invoke = (method: string, input: unknown, sessionToken: string | null) => Promise<Result<unknown>>;

export interface ShellServerOptions {
  invoke: Invoke;
  staticDir: string;
  port?: number;
  /** The backend's change feed (backend/changes.ts), streamed to the page at GET /api/__changes. */
  changes?: { subscribe(listener: (n: ChangeNotice) => void): () => void };
  /** Test-only: lets end-to-end tests move the backend's clock. Never enabled in normal runs. */
  testClock?: { set(ms: number | null): void };
  token?: string;
}

export interface ShellServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startShellServer(opts: ShellServerOptions): Promise<ShellServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let allowedHosts = new Set<string>();
  const staticRoot = path.resolve(opts.staticDir);
  const indexHtml = fs.readFileSync(path.join(staticRoot, 'index.html'));

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, fail('internal'));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Host tidak diizinkan.');
      return;
    }
    const origin = req.headers.origin;
    if (origin && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Asal permintaan tidak diizinkan.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(res, url.pathname);
  }

  function authorized(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(h);
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (url.pathname === '/api/__changes' && req.method === 'GET') return streamChanges(req, res);
    if (req.method !== 'POST') return sendJson(res, 405, fail('unknown_method'));
    if (!authorized(req)) return sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Token aplikasi tidak valid. Buka aplikasi dari tautan yang dicetak saat aplikasi dijalankan.' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, fail('invalid_input'));
    const methodName = decodePath(url.pathname.slice('/api/'.length));
    if (methodName === null) return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Alamat permintaan tidak valid.' } });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      const tooBig = err instanceof Error && err.message === 'too_large';
      if (tooBig) return sendTooLarge(req, res);
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Format data yang dikirim tidak valid.' } });
    }
    if (url.pathname === '/api/__test/clock') {
      if (!opts.testClock) return sendJson(res, 404, fail('unknown_method'));
      const ms = (body as { ms?: unknown }).ms;
      if (ms !== null && typeof ms !== 'number') return sendJson(res, 400, fail('invalid_input'));
      opts.testClock.set(ms);
      return sendJson(res, 200, { ok: true, value: {} });
    }
    const session = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
    const input = (body as { input?: unknown } | null)?.input;
    const result = await opts.invoke(methodName, input, session);
    sendJson(res, 200, result);
  }

  /**
   * Server-sent events: one `change` event per notice of the backend's change feed (contract/changes.ts),
   * and a comment every HEARTBEAT_MS so a connection that silently died is noticed by the page (which then
   * reconnects and refreshes what it shows). Authorized like every API call (the page reads the stream with
   * fetch, which sends the header; EventSource could not).
   */
  function streamChanges(req: http.IncomingMessage, res: http.ServerResponse) {
    // Only the response's "close" tells that the page went away (the request's fires once it has been read).
    if (!authorized(req)) return sendJson(res, 401, fail('unauthenticated'));
    if (!opts.changes) return sendJson(res, 404, fail('unknown_method'));
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write(': lpse-counter\n\n');
    const unsubscribe = opts.changes.subscribe((n) => res.write(`event: change\ndata: ${JSON.stringify(n)}\n\n`));
    const heartbeat = setInterval(() => res.write(': hb\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    res.once('close', end);
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    const decoded = decodePath(pathname);
    if (decoded === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Alamat tidak valid.');
      return;
    }
    const rel = decoded.replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel || 'index.html');
    if (!file.startsWith(staticRoot + path.sep) && file !== staticRoot) {
      res.writeHead(404).end();
      return;
    }
    let data: Buffer | string;
    let type: string;
    let csp = ASSET_CSP;
    try {
      if (rel === '' || rel === 'index.html') throw new Error('index');
      data = fs.readFileSync(file);
      type = MIME[path.extname(file)] ?? 'application/octet-stream';
    } catch {
      // A missing file (an asset of an older build, asked for by a tab opened before a rebuild) is a 404,
      // not the page: a script answered with HTML fails with a misleading MIME-type error.
      if (path.extname(rel) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Berkas tidak ditemukan.');
        return;
      }
      const nonce = newNonce();
      data = pageWithNonce(indexHtml, nonce);
      csp = pageCsp(nonce, { connectSelf: true });
      type = MIME['.html']!;
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Security-Policy': csp,
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The page's keep-alive connections and its change stream would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function fail(code: keyof typeof ERROR_MESSAGES): Result<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(data);
}

/** `decodeURIComponent`, or null for malformed %-encoding (a 400, not a crash into a 500). */
function decodePath(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

/**
 * 413 with the connection closed after the answer: the client reads a clear refusal instead of a reset
 * (the rest of its upload is discarded, not buffered).
 */
function sendTooLarge(req: http.IncomingMessage, res: http.ServerResponse) {
  const data = JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'Data yang dikirim terlalu besar.' } });
  res.shouldKeepAlive = false;
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(data);
  req.resume();
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      reject(new Error('too_large'));
      return;
    }
    req.on('data', (c: Buffer) => {
      if (size > MAX_BODY_BYTES) return; // refused already: the rest is drained, not kept
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        reject(new Error('too_large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
