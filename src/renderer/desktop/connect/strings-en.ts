/** English text of connecting an account (the welcome screen and amoCRM's sign-in) (merged into i18n/en.ts). */
export const connectEn = {
  consent: {
    heading: 'Sign in to amoCRM',
    open: 'Open the amoCRM sign-in page (a new tab)',
    allow: 'Sign in there and press "Allow".',
    paste:
      'amoCRM then opens an address starting with {{redirectUri}}: copy it from the address bar and paste it here.',
    label: 'The address amoCRM opened',
    continue: 'Connect',
    cancel: 'Cancel',
  },
  welcome: {
    heading: 'Connect your amoCRM or Kommo account',
    intro:
      'The app copies the contacts you may export into a private database on this computer, then puts them on your phone.',
    oauthHeading: 'Sign in with amoCRM',
    oauthHelp:
      'Uses your company’s integration (your administrator creates it in amoCRM: Settings → Integrations). The app then acts as you, with your rights.',
    oauthButton: 'Sign in with amoCRM',
    signingIn: 'Waiting for amoCRM…',
    productLabel: 'Where your account is',
    productAmocrm: 'amoCRM (amocrm.ru)',
    productKommo: 'Kommo (kommo.com)',
    productCustom: 'Another sign-in site (a test server)',
    consentSiteLabel: 'Sign-in site address',
    clientIdLabel: 'Integration ID',
    clientSecretLabel: 'Secret key',
    redirectUriLabel: 'Redirect URI (as in the integration)',
    codeHeading: 'Connect with an authorization code',
    codeHelp: 'For administrators: the integration’s one-time authorization code (valid for 20 minutes).',
    codeLabel: 'Authorization code',
    demoHeading: 'Just looking?',
    demoText: 'Try the built-in demo account: 12,000 made-up contacts, nothing leaves this computer.',
    demoButton: 'Try the demo account',
    demoConnecting: 'Starting the demo account…',
    tokenHeading: 'Connect with a long-lived token',
    tokenHelp:
      'An account administrator creates one in amoCRM: Settings → Integrations → your private integration → Keys and scopes.',
    baseUrlLabel: 'Account address',
    baseUrlPlaceholder: 'acme.amocrm.ru',
    tokenLabel: 'Long-lived token',
    connectButton: 'Connect',
    connecting: 'Checking the token…',
  },
};
