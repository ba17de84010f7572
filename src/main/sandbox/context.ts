/** Everything one running sandbox knows, handed to each route. */
import type { SandboxAccount } from './account';
import type { ContactStore } from './contact-store';
import type { EventLog } from './event-log';
import type { FaultQueue } from './faults';
import type { RequestGate } from './gate';
import type { SandboxHosts } from './hosts';
import type { SandboxMutations } from './mutations';
import type { OAuthServer } from './oauth';

export interface SandboxContext {
  readonly account: SandboxAccount;
  readonly store: ContactStore;
  readonly events: EventLog;
  readonly mutations: SandboxMutations;
  readonly oauth: OAuthServer;
  readonly hosts: SandboxHosts;
  readonly faults: FaultQueue;
  readonly gate: RequestGate;
  readonly apiFilterEnabled: boolean;
  /** What the account says of it (`with=is_api_filter_enabled`): usually the same. */
  readonly reportsApiFilterEnabled: boolean;
  /** The consent page redirects at once instead of showing an "Allow" link. */
  readonly autoApprove: boolean;
  /** What `x-sandbox-control` must carry on the control endpoints. */
  readonly controlToken: string;
  /** Requests received so far (control endpoints aside), for benchmarks in another process. */
  receivedRequests(): number;
}
