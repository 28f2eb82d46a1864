/**
 * `npm run server` starts the sync server; `npm run server -- <admin command>` runs an admin command
 * against the same database (see server/admin.ts and server/README.md).
 */
import { ADMIN_COMMANDS, runAdmin, UsageError, USAGE } from './admin';
import { buildServer } from './app';
import { ConfigError, loadConfig } from './config';
import { openServerDatabase } from './db';

async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  if (argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const database = await openServerDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.pgPoolSize,
    onPoolError: (err) => process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: 'database_connection_lost', error: err.message })}\n`),
  });
  if (argv.length > 0) {
    if (!(ADMIN_COMMANDS as readonly string[]).includes(argv[0]!)) {
      await database.close();
      throw new UsageError(USAGE);
    }
    try {
      await runAdmin(database, argv, { line: (s) => process.stdout.write(`${s}\n`) });
    } catch (err) {
      // Refusals from the store (unknown office, empty name) are for the person at the terminal.
      throw err instanceof UsageError ? err : new UsageError(err instanceof Error ? err.message : String(err));
    } finally {
      await database.close();
    }
    return 0;
  }
  const server = await buildServer({
    database,
    bodyLimit: config.bodyLimit,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    requestTimeoutMs: config.requestTimeoutMs,
    devicePerMinute: config.devicePerMinute,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    enrollPerMinute: config.enrollPerMinute,
    authFailPerMinute: config.authFailPerMinute,
    publicPages: {
      rules: {
        submit: { limit: config.publicSubmitsPer10Min, windowMs: 10 * 60_000 },
        lookup: { limit: config.publicLookupsPer10Min, windowMs: 10 * 60_000 },
      },
    },
    ...(config.tls ? { https: config.tls } : {}),
  });
  await server.app.listen({ port: config.port, host: config.host });
  server.app.log.info({ database: database.dialect, location: database.location, epoch: server.epoch, tls: config.tls !== null }, 'sync_server_started');
  const stop = async (signal: string) => {
    server.app.log.info({ signal }, 'sync_server_stopping');
    await server.app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const e = err as Error;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', event: 'sync_server_failed', error: e.message })}\n`);
    process.exitCode = 1;
  },
);
