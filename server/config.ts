/**
 * Server settings, all from the environment (documented in server/README.md). Bad values stop the server
 * with a message naming the variable, rather than starting with a surprise.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  bodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  trustProxy: string[];
  requestTimeoutMs: number;
  devicePerMinute: number;
  maxEventLoopDelayMs: number;
  tls: { cert: Buffer; key: Buffer } | null;
  enrollPerMinute: number;
  authFailPerMinute: number;
  pgPoolSize: number;
  /** Public pages (issue 12): complaints/suggestions sent, and status look-ups, per client address per 10 minutes. */
  publicSubmitsPer10Min: number;
  publicLookupsPer10Min: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} harus bilangan bulat ${min}–${max} (sekarang: ${raw}).`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info') as ServerConfig['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL tidak dikenal: ${logLevel}`);
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL harus berawalan postgres:// atau postgresql://');
  let tls: ServerConfig['tls'] = null;
  if (env.TLS_CERT_FILE || env.TLS_KEY_FILE) {
    if (!env.TLS_CERT_FILE || !env.TLS_KEY_FILE) throw new ConfigError('TLS_CERT_FILE dan TLS_KEY_FILE harus diisi keduanya.');
    tls = { cert: fs.readFileSync(env.TLS_CERT_FILE), key: fs.readFileSync(env.TLS_KEY_FILE) };
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : '.data/server'),
    databaseUrl,
    bodyLimit: int(env, 'BODY_LIMIT_BYTES', 16 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
    logLevel,
    trustProxy,
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    devicePerMinute: int(env, 'DEVICE_RATE_PER_MINUTE', 600, 10, 1_000_000),
    maxEventLoopDelayMs: int(env, 'MAX_EVENT_LOOP_DELAY_MS', 2000, 100, 600_000),
    tls,
    enrollPerMinute: int(env, 'ENROLL_RATE_PER_MINUTE', 5, 1, 10_000),
    authFailPerMinute: int(env, 'AUTH_FAIL_RATE_PER_MINUTE', 20, 1, 100_000),
    pgPoolSize: int(env, 'PG_POOL_SIZE', 10, 1, 200),
    publicSubmitsPer10Min: int(env, 'PUBLIC_SUBMITS_PER_10_MINUTES', 5, 1, 10_000),
    publicLookupsPer10Min: int(env, 'PUBLIC_LOOKUPS_PER_10_MINUTES', 10, 1, 10_000),
  };
}

/**
 * `TRUST_PROXY`: the addresses or CIDR ranges of the reverse proxies in front of the server, comma-separated.
 * Only their X-Forwarded-For is believed. `true` ("any hop") is refused: a client could then write its own
 * X-Forwarded-For and be counted under any address it likes, slipping past the per-address limits.
 */
export function parseTrustProxy(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'false') return [];
  if (raw.trim() === 'true') {
    throw new ConfigError('TRUST_PROXY=true tidak diizinkan: sebutkan alamat proksi (mis. TRUST_PROXY=127.0.0.1 atau 10.0.0.0/24), dipisah koma.');
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a) && !['loopback', 'linklocal', 'uniquelocal'].includes(a)) {
      throw new ConfigError(`TRUST_PROXY memuat alamat yang tidak valid: ${a}`);
    }
  }
  return list;
}
