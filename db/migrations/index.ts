/**
 * Migrations are bundled into the app as an ordered list (scanning a folder at run time breaks once the app
 * is packaged). Append only; never edit or reorder a released entry.
 */
import type { Kysely } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-seed-catalogue';
import * as m003 from './003-desks';
import * as m004 from './004-sync';
import * as m005 from './005-print-report';
import * as m006 from './006-calendar-history';
import * as m007 from './007-survey';
import * as m008 from './008-trust';
import * as m009 from './009-complaints';
import * as m010 from './010-queue';
import * as m011 from './011-standard';
import * as m012 from './012-data-safety';
import * as m013 from './013-personal-data';
import * as m014 from './014-aggregates-rowid';
import * as m015 from './015-visits-by-person';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '001-initial', up: m001.up },
  { name: '002-seed-catalogue', up: m002.up },
  { name: '003-desks', up: m003.up },
  { name: '004-sync', up: m004.up },
  { name: '005-print-report', up: m005.up },
  { name: '006-calendar-history', up: m006.up },
  { name: '007-survey', up: m007.up },
  { name: '008-trust', up: m008.up },
  { name: '009-complaints', up: m009.up },
  { name: '010-queue', up: m010.up },
  { name: '011-standard', up: m011.up },
  { name: '012-data-safety', up: m012.up },
  { name: '013-personal-data', up: m013.up },
  { name: '014-aggregates-rowid', up: m014.up },
  { name: '015-visits-by-person', up: m015.up },
];

/** The schema version this build writes; stored in SQLite's user_version. */
export const SCHEMA_VERSION = MIGRATIONS.length;
