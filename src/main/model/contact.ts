/**
 * The contact as the core holds it: what the CRM connector makes of amoCRM's JSON
 * (crm/contact-mapper.ts), what the mirror stores (mirror/contacts-repo.ts) and what the
 * export renders. Below both the connector and the mirror, so neither imports the other.
 */
import type { ChannelKind } from '../../shared/api/types';

export interface MirrorChannel {
  readonly kind: ChannelKind;
  readonly value: string;
  readonly normalized: string | null;
  readonly typeCode: string | null;
}

export interface MirrorContact {
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly responsibleUserId: number | null;
  readonly groupId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly channels: readonly MirrorChannel[];
  /** The CRM's POSITION field (job title), if filled. */
  readonly position: string | null;
  /** Phones that count for export (R2). */
  readonly phoneCount: number;
  readonly searchText: string;
}
