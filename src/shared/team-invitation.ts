/**
 * The team set-up's invitation: what an administrator hands to colleagues so that each signs in
 * to the same account through the administrator's integration, as themselves.
 *
 * It carries the account's address, the consent site and the integration (id, secret key,
 * redirect address): the three things amoCRM asks for that only an administrator has. It never
 * carries a token: every colleague gets their own sign-in, with their own rights (R7). The
 * text form is one line, `amo-phonebook://invite?...`, so it survives a messenger, an e-mail or
 * a file with instructions around it; `readInvitation` finds the line inside any such text.
 *
 * Pure and shared: the window shows what an invitation is for before anyone signs in, the core
 * reads it again (it never trusts the window's reading), the CLI reads a file.
 */

export type InvitationProduct = 'amocrm' | 'kommo' | 'custom';

export interface TeamInvitation {
  /** The account's own address, e.g. https://acme.amocrm.ru. */
  readonly accountUrl: string;
  readonly product: InvitationProduct;
  /** Only for a custom consent site (the sandbox): where its sign-in page is. */
  readonly consentBaseUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Who made it, to show the colleague ("from Ivan Petrov"); never used to sign in. */
  readonly invitedBy?: string;
  /**
   * The team mirror (issue 21): one computer of the team that keeps the account's mirror, to
   * pull from instead of amoCRM. Only on the office network (a private address), and trusted
   * by its certificate's SHA-256 fingerprint alone: the colleague's sign-in goes there.
   */
  readonly teamMirror?: { readonly url: string; readonly fingerprint: string };
}

export const invitationScheme = 'amo-phonebook://invite';
const version = '1';
const maxLength = 8192;

/**
 * Why a text is not an invitation: `reason` picks the words the person reads (no invitation in
 * it at all, one that is cut short or damaged, one from another version); the message is the
 * detail, in English, for the CLI and the log.
 */
export type InvitationProblem = 'none' | 'damaged' | 'otherVersion';

export class InvitationError extends Error {
  override name = 'InvitationError';
  readonly reason: InvitationProblem;

  constructor(message: string, reason: InvitationProblem = 'damaged') {
    super(message);
    this.reason = reason;
  }
}

export function writeInvitation(invitation: TeamInvitation): string {
  const params = new URLSearchParams({
    v: version,
    account: invitation.accountUrl,
    product: invitation.product,
    client_id: invitation.clientId,
    secret: invitation.clientSecret,
    redirect: invitation.redirectUri,
  });
  if (invitation.consentBaseUrl !== undefined) params.set('consent', invitation.consentBaseUrl);
  if (invitation.invitedBy) params.set('from', invitation.invitedBy.slice(0, 200));
  if (invitation.teamMirror) {
    params.set('mirror', invitation.teamMirror.url);
    params.set('mirror_fp', invitation.teamMirror.fingerprint);
  }
  return `${invitationScheme}?${params.toString()}`;
}

/** The product whose consent site signs in to an account at this address. */
export function productOfAccountUrl(accountUrl: string): Exclude<InvitationProduct, 'custom'> | null {
  const host = new URL(accountUrl).hostname.toLowerCase();
  if (/\.kommo\.com$/.test(host)) return 'kommo';
  if (/\.amocrm\.(ru|com)$/.test(host)) return 'amocrm';
  return null;
}

/** Finds the invitation line in `text` (a pasted line, a file with instructions) and checks it. */
export function readInvitation(text: string): TeamInvitation {
  if (text.length > 1_000_000) throw new InvitationError('the text is far too long for an invitation', 'none');
  const start = text.indexOf(invitationScheme);
  if (start < 0) throw new InvitationError('there is no amo-phonebook invitation in it', 'none');
  const line = (/^\S+/.exec(text.slice(start))?.[0] ?? '').slice(0, maxLength + 1);
  if (line.length > maxLength) throw new InvitationError('the invitation is too long');
  const query = line.slice(invitationScheme.length);
  if (!query.startsWith('?')) throw new InvitationError('the invitation is cut short');
  const params = new URLSearchParams(query.slice(1));
  if (params.get('v') !== version)
    throw new InvitationError('the invitation is from another version of the app', 'otherVersion');
  const field = (name: string, label: string, max: number) => {
    const value = (params.get(name) ?? '').trim();
    if (!value) throw new InvitationError(`the invitation has no ${label}; it may be cut short`);
    if (value.length > max || /\p{Cc}/u.test(value))
      throw new InvitationError(`the invitation's ${label} is not valid`);
    return value;
  };
  const accountUrl = webAddress(field('account', 'account address', 2048), 'account address');
  const product = field('product', 'sign-in site', 20);
  if (product !== 'amocrm' && product !== 'kommo' && product !== 'custom')
    throw new InvitationError("the invitation's sign-in site is not valid");
  const consent = params.get('consent');
  if (product === 'custom' && !consent) throw new InvitationError('the invitation has no sign-in site address');
  // A colleague types their amoCRM password on the sign-in page the invitation names: it must be
  // amoCRM's or Kommo's own, for an account on their hosts. Another site (a test server) only on
  // this computer, so a forged invitation cannot send anyone to a look-alike page.
  const consentBaseUrl = product === 'custom' ? webAddress(consent ?? '', 'sign-in site address') : undefined;
  if (product !== 'custom' && productOfAccountUrl(accountUrl) !== product)
    throw new InvitationError(`the invitation's account address is not an ${product} account`);
  if (product === 'custom' && !(isLoopback(accountUrl) && isLoopback(consentBaseUrl ?? '')))
    throw new InvitationError('the invitation names a sign-in site other than amoCRM or Kommo');
  const teamMirror = teamMirrorOf(params.get('mirror'), params.get('mirror_fp'));
  const from = (params.get('from') ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return {
    accountUrl,
    product,
    ...(consentBaseUrl === undefined ? {} : { consentBaseUrl }),
    clientId: field('client_id', 'integration id', 200),
    clientSecret: field('secret', 'integration secret key', 1000),
    redirectUri: webAddress(field('redirect', 'redirect address', 2048), 'redirect address', true),
    ...(from ? { invitedBy: from } : {}),
    ...(teamMirror ? { teamMirror } : {}),
  };
}

/**
 * The team mirror's address and fingerprint, both or neither. The address must be https on a
 * private network (10/8, 172.16/12, 192.168/16, link-local, loopback, or a `.local` name): a
 * colleague's sign-in is sent there, so a forged invitation must not name a server on the
 * internet.
 */
function teamMirrorOf(url: string | null, fingerprint: string | null): TeamInvitation['teamMirror'] {
  if (url === null && fingerprint === null) return undefined;
  if (!url || !fingerprint) throw new InvitationError("the invitation's team mirror is incomplete");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvitationError("the invitation's team mirror is not a web address");
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.pathname !== '/') {
    throw new InvitationError("the invitation's team mirror must be an https address without a path");
  }
  if (!isOfficeHost(parsed.hostname)) {
    throw new InvitationError("the invitation's team mirror is not on an office network address");
  }
  const hex = fingerprint.replace(/:/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new InvitationError("the invitation's team mirror fingerprint is not valid");
  return { url: parsed.origin, fingerprint: hex.toUpperCase().replace(/(..)(?!$)/g, '$1:') };
}

/** An address on this computer or the office network, never one on the internet. */
export function isOfficeHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    );
  }
  if (host.includes(':')) return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
  return /^[a-z0-9-]{1,63}\.local$/.test(host);
}

function isLoopback(address: string): boolean {
  const host = new URL(address).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** An https address (http only on this computer: the sandbox); the origin for an account. */
function webAddress(value: string, label: string, keepPath = false): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvitationError(`the invitation's ${label} is not a web address`);
  }
  const loopback = isLoopback(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new InvitationError(`the invitation's ${label} must start with https://`);
  if (url.username || url.password) throw new InvitationError(`the invitation's ${label} is not valid`);
  return keepPath ? value : url.origin;
}
