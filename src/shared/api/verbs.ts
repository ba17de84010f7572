/**
 * The names of every API verb, and nothing else.
 *
 * The preload imports this file alone (not the zod schemas) so that its sandboxed bundle
 * stays tiny; `schemas.ts` is checked against this list at compile time, so a verb cannot
 * exist in one place and not the other.
 */
export const apiVerbs = [
  'getAppInfo',
  'listAccounts',
  'addAccountWithToken',
  'addAccountWithCode',
  'connectWithOAuth',
  'completeOAuthConsent',
  'connectDemoAccount',
  'removeAccount',
  'syncAccounts',
  'cancelSync',
  'reconcileAccount',
  'searchContacts',
  'lookupPhone',
  'getContact',
  'listDevices',
  'addDevice',
  'renameDevice',
  'removeDevice',
  'previewExport',
  'exportToFile',
  'resetExport',
  'addCardDavDevice',
  'connectGoogleCardDav',
  'exportToCardDav',
  'getCardDavSetup',
  'listLanAddresses',
  'chooseLanAddress',
  'listUsbDevices',
  'startHandoff',
  'cancelHandoff',
  'listDeviceOverview',
  'listExportRuns',
  'listResponsibleUsers',
] as const;

export type ApiVerb = (typeof apiVerbs)[number];

export function isApiVerb(value: unknown): value is ApiVerb {
  return typeof value === 'string' && (apiVerbs as readonly string[]).includes(value);
}
