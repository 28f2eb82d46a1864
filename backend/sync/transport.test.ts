/**
 * The transport's single retry of a read whose connection the server closed (ADR 0026): a pull answer cut
 * off mid-body is asked for again on a new connection; a push is never sent twice by the transport.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport, SyncTransportError } from './transport';

const page = JSON.stringify({ epoch: 'e1', serverTime: 1, more: false, head: 0, pageLimit: 5000, pushLimit: 5000, events: [] });

/** A raw HTTP server: the first `cut` connections get headers and half a body, then the server closes them. */
async function flakyServer(cut: number): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    const n = ++connections;
    socket.once('data', () => {
      if (n <= cut) {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${page.length}\r\n\r\n${page.slice(0, 10)}`);
      } else {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${page.length}\r\nconnection: close\r\n\r\n${page}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, connections: () => connections, close: () => new Promise((r) => server.close(() => r())) };
}

describe('HttpTransport on a connection the server closes', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('asks for a pull page once more when its answer was cut off, and gets it', async () => {
    const srv = await flakyServer(1);
    close = srv.close;
    const res = await new HttpTransport({ timeoutMs: 5000 }).pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 5000 });
    expect(res.pageLimit).toBe(5000);
    expect(srv.connections()).toBe(2);
  });

  it('gives up after the second cut-off answer (the engine backs off)', async () => {
    const srv = await flakyServer(2);
    close = srv.close;
    const err = await new HttpTransport({ timeoutMs: 5000 }).pull(srv.url, 'token-0123456789', { after: 0, afterId: null, limit: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncTransportError);
    expect((err as SyncTransportError).kind).toBe('network');
    expect(srv.connections()).toBe(2);
  });

  it('never sends a push twice', async () => {
    const srv = await flakyServer(1);
    close = srv.close;
    const err = await new HttpTransport({ timeoutMs: 5000 }).push(srv.url, 'token-0123456789', { firstDeviceSeq: null, events: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncTransportError);
    expect((err as SyncTransportError).kind).toBe('network');
    expect(srv.connections()).toBe(1);
  });
});
