import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

/** What a read or write function runs on: the database, or the caller's transaction (STYLE §7). */
export type Exec = Kysely<DB> | Transaction<DB>;
