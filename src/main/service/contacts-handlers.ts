/** Reading the mirror: search, "who is calling?", and one contact's detail. */
import type { ApiParsedInput } from '../../shared/api/schemas';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { getContactDetail, searchContacts as searchMirror } from '../mirror/contacts-repo';
import { listResponsibleUsers as listPeople } from '../mirror/people-repo';
import { lookupPhone as lookupInMirror } from '../mirror/phone-lookup';
import type { CoreContext } from './context';

type MirrorContext = Pick<CoreContext, 'db'>;

async function searchContacts(ctx: MirrorContext, input: ApiParsedInput<'searchContacts'>) {
  return searchMirror(ctx.db, input);
}

async function lookupPhone(ctx: MirrorContext, { phone }: ApiParsedInput<'lookupPhone'>) {
  return lookupInMirror(ctx.db, phone);
}

async function getContact(ctx: MirrorContext, { accountId, contactId }: ApiParsedInput<'getContact'>) {
  const detail = getContactDetail(ctx.db, accountId, contactId);
  if (!detail)
    throw new AppError('NOT_FOUND', `No contact ${contactId} in account ${accountId}`, { accountId, contactId });
  return detail;
}

async function listResponsibleUsers(ctx: MirrorContext, { accountId }: ApiParsedInput<'listResponsibleUsers'>) {
  return listPeople(ctx.db, accountId);
}

export const contactVerbs = {
  searchContacts,
  lookupPhone,
  getContact,
  listResponsibleUsers,
} satisfies VerbGroup<MirrorContext>;
