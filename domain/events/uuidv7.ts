/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids sort by creation time, which
 * keeps the events table's primary-key index append-mostly. `crypto.getRandomValues` exists in Node 20 and
 * every browser, so this stays free of I/O imports.
 */
// Random bytes drawn 4 KiB at a time: one getRandomValues call per 256 ids instead of one per id.
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function pooledRandom(b: Uint8Array): Uint8Array {
  if (poolAt + b.length > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  b.set(pool.subarray(poolAt, poolAt + b.length));
  poolAt += b.length;
  return b;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7(nowMs: number, random: (bytes: Uint8Array) => Uint8Array = pooledRandom): string {
  const bytes = random(new Uint8Array(16));
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[bytes[i]!];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
