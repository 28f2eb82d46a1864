/**
 * Pull pages and push batches above 1,000 events only with a server that says it accepts them (ADR 0026):
 * a current server answers `pageLimit`, and the workstation asks for pages of up to 5,000 from then on; an
 * older server says nothing, and the workstation keeps to 1,000.
 */
import { describe, expect, it } from 'vitest';
import { LEGACY_PULL_LIMIT, MAX_PULL_LIMIT } from '../../contract/sync-protocol';
import { HttpTransport } from '../../backend/sync/transport';
import { enroll, officeWithFirstPc, startPc, syncBed } from './harness';

const bed = syncBed();

/** Records the limit of each pull; `legacy` hides the server's limits, as a server before ADR 0026 answers. */
class RecordingTransport extends HttpTransport {
  readonly limits: number[] = [];
  constructor(private readonly legacy: boolean) {
    super({ timeoutMs: 10_000 });
  }
  override async pull(...args: Parameters<HttpTransport['pull']>) {
    this.limits.push(args[2].limit);
    const res = await super.pull(...args);
    if (!this.legacy) return res;
    const { pageLimit: _p, pushLimit: _q, ...older } = res;
    return older;
  }
}

describe('pull page size', () => {
  it.each([
    ['a current server', MAX_PULL_LIMIT, false],
    ['an older server', LEGACY_PULL_LIMIT, true],
  ])('with %s, pages of %i after the first answer', async (_name, expected, legacy) => {
    const { server, officeId, a } = await officeWithFirstPc(bed);
    expect((await a.sync()).state).toBe('online');
    const transport = new RecordingTransport(legacy);
    const b = await startPc('B', { transport });
    bed.pcs.push(b);
    await enroll(b, server.url, await server.newCode(officeId));
    expect((await b.sync()).state).toBe('online');
    expect((await b.sync()).state).toBe('online');
    // The first page of all is asked for at the size every server accepts; later ones at what the server said.
    expect(transport.limits[0]).toBe(LEGACY_PULL_LIMIT);
    expect(transport.limits.at(-1)).toBe(expected);
  });
});
