/**
 * Every schema version, in order. Imported statically (no runtime file reads), so the
 * migrations travel inside any bundle, Electron's included.
 */
import { migration0001Initial } from './0001-initial';
import { migration0002SyncState } from './0002-sync-state';
import { migration0003PeopleAndFields } from './0003-people-and-fields';
import { migration0004ContactsFts } from './0004-contacts-fts';
import { migration0005ExportLedger } from './0005-export-ledger';
import { migration0006ExportCards } from './0006-export-cards';
import { migration0007CardDav } from './0007-carddav';
import { migration0008CardDavTelForm } from './0008-carddav-tel-form';
import { migration0009WellFormedText } from './0009-well-formed-text';
import { migration0010CardPause } from './0010-card-pause';
import { migration0011ExportChoices } from './0011-export-choices';
import { migration0012FreshestFirstPull } from './0012-freshest-first-pull';
import { migration0013PulledForUser } from './0013-pulled-for-user';
import { migration0014TeamMirror } from './0014-team-mirror';
import type { Migration } from './migration';

export const allMigrations: readonly Migration[] = [
  migration0001Initial,
  migration0002SyncState,
  migration0003PeopleAndFields,
  migration0004ContactsFts,
  migration0005ExportLedger,
  migration0006ExportCards,
  migration0007CardDav,
  migration0008CardDavTelForm,
  migration0009WellFormedText,
  migration0010CardPause,
  migration0011ExportChoices,
  migration0012FreshestFirstPull,
  migration0013PulledForUser,
  migration0014TeamMirror,
];
