/**
 * An HTTP proxy between the workstations and the sync server that breaks things on purpose: it refuses
 * connections (server down), cuts a request before it reaches the server, cuts the answer after the server
 * committed, truncates an answer mid-body, delivers a request twice, replays an old answer, and reorders
 * the events inside pull answers. The upstream can be switched, so a server restarted on another port (or
 * restored from a backup) stays behind the same URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Close the connection at once: the client sees the server as unreachable. */
  | 'refuse'
  /** Read the request, never forward it, close the connection. */
  | 'drop_request'
  /** Forward the request (the server commits), then close the connection instead of answering. */
  | 'drop_response'
  /** Forward, then send the status, headers and half of the body, then close. */
  | 'truncate_response'
  /** Forward the request twice (a retransmission), answer with the second answer. */
  | 'duplicate_request'
  /** Answer a pull with the answer of an earlier pull (a stale duplicate), without asking the server. */
  | 'replay_old_pull'
  /** Reverse the order of the events in a pull answer. */
  | 'reverse_events'
  /** Forward the request (the server commits), then never answer: the client is still waiting. */
  | 'hang';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** 1-based count of requests seen by the proxy. */
  n: number;
}

export type FaultPlan = (r: ProxiedRequest) => Fault | null;

export class FaultProxy {
  private server: http.Server | null = null;
  private upstream: string | null = null;
  private plan: FaultPlan = () => null;
  private seen = 0;
  private readonly pullAnswers: Buffer[] = [];
  readonly log: { path: string; method: string; fault: Fault | null; status: number | null }[] = [];
  private readonly sockets = new Set<import('node:net').Socket>();

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setUpstream(url: string | null): void {
    this.upstream = url;
  }

  setPlan(plan: FaultPlan): void {
    this.plan = plan;
  }

  /** Every request gets the same fault (null: pass everything). */
  always(f: Fault | null): void {
    this.plan = () => f;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const n = ++this.seen;
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const fault = this.plan({ method, path, n });
    const entry: { path: string; method: string; fault: Fault | null; status: number | null } = { path, method, fault, status: null };
    this.log.push(entry);
    if (fault === 'refuse') {
      req.socket.destroy();
      return;
    }
    const body = await readAll(req);
    if (fault === 'drop_request') {
      req.socket.destroy();
      return;
    }
    const isPull = method === 'GET' && path.startsWith('/v1/events');
    if (fault === 'replay_old_pull' && isPull && this.pullAnswers.length > 0) {
      const old = this.pullAnswers[0]!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(old.length) });
      res.end(old);
      entry.status = 200;
      return;
    }
    if (!this.upstream) {
      req.socket.destroy();
      return;
    }
    // Ask for plain bodies: the proxy may have to read and rewrite them.
    const headers = { ...req.headers };
    delete headers['accept-encoding'];
    delete headers.host;
    let answer: Upstream;
    try {
      if (fault === 'duplicate_request') await forward(this.upstream, method, path, headers, body);
      answer = await forward(this.upstream, method, path, headers, body);
    } catch {
      req.socket.destroy(); // upstream down: the client sees a dead connection
      return;
    }
    entry.status = answer.status;
    if (isPull && answer.status === 200) this.pullAnswers.push(answer.body);
    if (fault === 'drop_response') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hang') return; // the socket stays open until the client gives up or the proxy stops
    let out = answer.body;
    if (fault === 'reverse_events' && isPull && answer.status === 200) {
      const json = JSON.parse(out.toString('utf8')) as { events: unknown[] };
      json.events.reverse();
      out = Buffer.from(JSON.stringify(json));
    }
    const h: http.OutgoingHttpHeaders = { 'content-type': answer.headers['content-type'] ?? 'application/json', 'content-length': String(out.length) };
    if (fault === 'truncate_response') {
      res.writeHead(answer.status, h);
      res.write(out.subarray(0, Math.floor(out.length / 2)));
      await new Promise((r) => setTimeout(r, 5));
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, h);
    res.end(out);
  }
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });
}

function forward(base: string, method: string, path: string, headers: http.IncomingHttpHeaders, body: Buffer): Promise<Upstream> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method, headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      readAll(res).then((b) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b }), reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}
