/**
 * Who is asking the team mirror. Each colleague's app sends its own amoCRM sign-in (the
 * bearer token amoCRM gave them); the team mirror asks amoCRM who that is, and with what
 * rights, once per session (`sessionMs`), not once per request: a colleague's first pull is
 * hundreds of requests, and the point of the team mirror is that they never reach amoCRM.
 * A sync asks for its rights once, at its start (`GET /users/{id}`): that request checks
 * afresh (`fresh`: unless checked in the last `freshMs`, the sync's own first request), so
 * rights are read from amoCRM at every export, as R7 wants.
 *
 * Only a digest of each token is kept, in memory. Checks of the same token run once at a
 * time (twenty pages asked at once are one check); a refused token is remembered for a
 * short while, so a wrong one cannot make the team mirror hammer amoCRM on its behalf.
 * Pure but for the injected check and clock.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { RightLetter } from '../model/rights';

/** A colleague as the team mirror serves them: who, and what they may export (R7). */
export interface Colleague {
  readonly userId: number;
  /** The export right in force: unknown rights count as "only mine", as the export does. */
  readonly exportLetter: RightLetter;
  readonly groupId: number | null;
  readonly isAdmin: boolean;
}

export type SignInCheck = (token: string) => Promise<Colleague>;

export interface ColleagueSessionOptions {
  readonly check: SignInCheck;
  readonly now: () => number;
  /** How long one check holds (default 30 minutes): rights that change apply from the next session. */
  readonly sessionMs?: number;
  /** A check this recent counts as fresh (default 10 s: the same sync's first request). */
  readonly freshMs?: number;
  /** How long a refused token stays refused without asking amoCRM again (default 60 s). */
  readonly refusalMs?: number;
  /** Sessions kept at most; the oldest go first (default 1,000: a team, not the world). */
  readonly maxSessions?: number;
}

export interface ColleagueSessions {
  /**
   * The colleague `token` belongs to; throws AUTH_REJECTED (or the check's own error).
   * `fresh`: ask amoCRM again even within the session (a sync reading its rights).
   */
  colleagueFor(token: string, fresh?: boolean): Promise<Colleague>;
  /** Sessions held now, for tests and the team mirror's status line. */
  size(): number;
}

type Entry =
  | { readonly kind: 'pending'; readonly promise: Promise<Colleague> }
  | { readonly kind: 'valid'; readonly colleague: Colleague; readonly checkedAt: number; readonly until: number }
  | { readonly kind: 'refused'; readonly error: unknown; readonly until: number };

export function createColleagueSessions(options: ColleagueSessionOptions): ColleagueSessions {
  const sessionMs = options.sessionMs ?? 30 * 60_000;
  const refusalMs = options.refusalMs ?? 60_000;
  const freshMs = options.freshMs ?? 10_000;
  const maxSessions = options.maxSessions ?? 1000;
  const entries = new Map<string, Entry>();

  const remember = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxSessions) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  };

  return {
    async colleagueFor(token, fresh = false) {
      if (!/^[\x21-\x7e]{8,4096}$/.test(token)) {
        throw new AppError('AUTH_REJECTED', 'The team mirror got no usable amoCRM sign-in');
      }
      const key = createHash('sha256').update(token).digest('base64url');
      const known = entries.get(key);
      const now = options.now();
      if (known?.kind === 'pending') return known.promise;
      if (known?.kind === 'valid' && known.until > now && (!fresh || now - known.checkedAt < freshMs)) {
        return known.colleague;
      }
      if (known?.kind === 'refused' && known.until > now) throw known.error;

      const promise = options.check(token);
      remember(key, { kind: 'pending', promise });
      try {
        const colleague = await promise;
        const checkedAt = options.now();
        remember(key, { kind: 'valid', colleague, checkedAt, until: checkedAt + sessionMs });
        return colleague;
      } catch (error) {
        // Only a refusal is remembered: amoCRM being unreachable for a moment is asked again.
        if (error instanceof AppError && (error.code === 'AUTH_REJECTED' || error.code === 'FORBIDDEN')) {
          remember(key, { kind: 'refused', error, until: options.now() + refusalMs });
        } else {
          entries.delete(key);
        }
        throw error;
      }
    },
    size: () => entries.size,
  };
}
