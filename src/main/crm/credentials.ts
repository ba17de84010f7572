/**
 * What is kept in the SecretStore per account: a long-lived token, or an OAuth pair with
 * the integration that issued it (needed to refresh). Parsed defensively: the store is a
 * file a user could edit.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';

export const credentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('long-lived'), token: z.string().min(1) }),
  z.object({
    kind: z.literal('oauth'),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    /** Unix milliseconds when the access token stops working. */
    expiresAt: z.number(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUri: z.string().min(1),
  }),
]);

export type Credentials = z.infer<typeof credentialsSchema>;
export type OAuthCredentials = Extract<Credentials, { kind: 'oauth' }>;

export function serializeCredentials(credentials: Credentials): string {
  return JSON.stringify(credentials);
}

export function parseCredentials(stored: string, accountLabel: string): Credentials {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    // Written by the first version: a bare long-lived token.
    return { kind: 'long-lived', token: stored };
  }
  const parsed = credentialsSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'AUTH_REJECTED',
      `The stored sign-in for ${accountLabel} is unreadable: connect the account again`,
      {
        host: accountLabel,
      },
    );
  }
  return parsed.data;
}
