/**
 * The names of every API verb, and nothing else.
 *
 * The preload imports this file alone (not the zod schemas) so that its sandboxed bundle
 * stays tiny. Each verb is declared by its domain (domains/*.ts: input schema and output);
 * contract.ts checks at compile time that the domains declare exactly these names.
 */
export const apiVerbs = [
  'getAppInfo',
  'listAccounts',
  'addAccountWithToken',
  'addAccountWithCode',
  'connectWithOAuth',
  'completeOAuthConsent',
  'connectDemoAccount',
  'createTeamInvitation',
  'connectWithInvitation',
  'removeAccount',
  'startTeamMirror',
  'stopTeamMirror',
  'getTeamMirror',
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
  'getExportChoices',
  'showExportedFile',
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
