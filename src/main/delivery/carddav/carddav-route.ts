/** The CardDAV route: the plan written into the account card by card, each recorded in the ledger as the server confirms it. */
import type { CardDavExportResult } from '../../../shared/api/types';
import { type Delivery, endedNow } from '../../export/pipeline';
import type { TargetRecord } from '../../mirror/carddav-repo';
import type { DavCredentials } from './dav-client';
import { type DeliverOptions, deliverPlan, type TargetContext } from './target';

export function carddavDelivery(
  ctx: TargetContext,
  target: TargetRecord,
  credentials: DavCredentials,
  options: DeliverOptions = {},
): Delivery<CardDavExportResult> {
  return {
    route: 'carddav',
    // Each card enters the ledger as the server confirms it (deliverPlan): nothing to commit here.
    async deliver({ plan }) {
      const delivered = await deliverPlan(ctx, target, credentials, plan, options);
      return { value: { ...plan.preview, ...delivered }, ended: endedNow(delivered.written, { ...delivered }) };
    },
  };
}
