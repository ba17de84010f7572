/** Reading the mirror: search, "who is calling?", and one contact's detail. */
import type { ApiHandlers } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import { getContactDetail, searchContacts } from '../mirror/contacts-repo';
import { listResponsibleUsers } from '../mirror/people-repo';
import { lookupPhone } from '../mirror/phone-lookup';
import type { CoreContext } from './context';

type ContactHandlers = Pick<ApiHandlers, 'searchContacts' | 'lookupPhone' | 'getContact' | 'listResponsibleUsers'>;

export function contactHandlers(ctx: CoreContext): ContactHandlers {
  return {
    searchContacts: async (input) => searchContacts(ctx.db, input),
    lookupPhone: async ({ phone }) => lookupPhone(ctx.db, phone),
    async getContact({ accountId, contactId }) {
      const detail = getContactDetail(ctx.db, accountId, contactId);
      if (!detail)
        throw new AppError('NOT_FOUND', `No contact ${contactId} in account ${accountId}`, { accountId, contactId });
      return detail;
    },
    listResponsibleUsers: async ({ accountId }) => listResponsibleUsers(ctx.db, accountId),
  };
}
