/** English text of the accounts and sync panel beside the sections (merged into i18n/en.ts). */
export const accountsEn = {
  accounts: {
    heading: 'Accounts',
    demoBadge: 'demo',
    contacts_one: '{{count, number}} contact, {{withPhone, number}} with a phone',
    contacts_other: '{{count, number}} contacts, {{withPhone, number}} with a phone',
    neverSynced: 'Not synced yet',
    syncUnfinished_one: 'Sync not finished: {{count, number}} contact so far. “Sync now” continues where it stopped.',
    syncUnfinished_other:
      'Sync not finished: {{count, number}} contacts so far. “Sync now” continues where it stopped.',
    lastSynced: 'Synced {{when}}',
    addAnother: 'Add an account',
    you: 'You: {{name}}',
    youUnnamed: 'You are signed in with your own amoCRM login.',
    scope: 'Only contacts with a phone number go to a phone, with their e-mails and messengers.',
    reconnect: 'Reconnect',
    remove: 'Remove',
    removeConfirm:
      'Remove {{name}} from this app? Its contacts leave this computer; what is already on your phones stays there.',
    removeYes: 'Remove',
    removeNo: 'Keep',
    right: {
      all: 'You may export all contacts you can see.',
      group: "You may export your group's contacts.",
      responsible: 'You may export only contacts you are responsible for.',
      denied:
        'Your amoCRM role may not export contacts. Ask your account administrator for the contacts "Export" right.',
      unknown:
        'amoCRM shows rights only to administrators, so only contacts you are responsible for will be exported, to be safe.',
    },
  },
  invite: {
    open: 'Invite colleagues',
    heading: 'Invite colleagues to {{name}}',
    youSend: 'You send the invitation file (or its link) to each colleague: by e-mail or in a messenger.',
    step1: 'The colleague installs amo-phonebook.',
    step2: 'On its first screen they choose “I have an invitation from my administrator” and open the file.',
    step3: 'They sign in to amoCRM with their own login: each sees only the contacts they may export.',
    needsIntegration:
      'This account was connected with a long-lived token, which does not say which integration it belongs to. Give the integration (amoCRM: Settings → Integrations → your integration → Keys and scopes).',
    create: 'Make the invitation',
    linkLabel: 'Invitation link',
    download: 'Save the invitation file',
    copy: 'Copy the link',
    copied: 'Copied',
    close: 'Close',
    keepInTeam:
      'The invitation holds no password and no sign-in: only the account address and your company’s integration. Send it only to colleagues.',
    fileTitle: 'amo-phonebook: an invitation to the amoCRM account {{name}} ({{host}})',
    fileFrom: 'From: {{name}}',
    fileSteps: 'What to do:',
    mirrorHeading: 'Team mirror: one pull of the account for the whole team',
    mirrorExplain:
      'This computer can serve the account to colleagues on the office network: their apps then pull from it, not from amoCRM, so the account is not scanned once per colleague. Each still sees only what their own rights allow. Keep the app open while it serves; start it before making the invitation.',
    mirrorStart: 'Serve to the team from this computer',
    mirrorStop: 'Stop serving',
    mirrorServing_one: 'Serving at {{url}}: {{count, number}} colleague signed in the last half hour.',
    mirrorServing_other: 'Serving at {{url}}: {{count, number}} colleagues signed in the last half hour.',
  },
  sync: {
    button: 'Sync now',
    cancel: 'Cancel',
    phaseAccount: 'Connecting to {{name}}…',
    fromTeamMirror: 'From your team mirror, not from amoCRM: quicker, and it spares the account.',
    teamMirrorUnreachable:
      'Your team mirror could not be reached, so the contacts come from amoCRM itself this time. Nothing to do; if it keeps happening, tell your administrator.',
    sharingLimit:
      'Colleagues are syncing this account at the same time: downloading more slowly to share what amoCRM allows. Nothing to do.',
    phaseContacts_one: '{{name}}: {{count, number}} contact loaded so far…',
    phaseContacts_other: '{{name}}: {{count, number}} contacts loaded so far…',
    phaseResumed_one: '{{name}}: continuing where the last sync stopped, {{count, number}} contact so far…',
    phaseResumed_other: '{{name}}: continuing where the last sync stopped, {{count, number}} contacts so far…',
    phaseDeletions: '{{name}}: checking for deleted contacts…',
    phaseReconcile: '{{name}}: comparing every contact with amoCRM ({{count, number}} so far)…',
    done: 'Sync finished: {{changed}} new or changed, {{deleted}} deleted in amoCRM.',
    reconcile: 'Check for removed contacts',
    reconcileHint: 'Compares every contact with amoCRM and removes those you can no longer see. Takes longer.',
    reconciled: 'Checked {{checked}} contacts: {{removed}} removed, {{added}} added.',
    cancelled: 'Sync cancelled. What was already downloaded is kept.',
  },
};
