/** English text of the accounts and sync panel beside the sections (merged into i18n/en.ts). */
export const accountsEn = {
  accounts: {
    heading: 'Accounts',
    demoBadge: 'demo',
    contacts_one: '{{count, number}} contact, {{withPhone, number}} with a phone',
    contacts_other: '{{count, number}} contacts, {{withPhone, number}} with a phone',
    neverSynced: 'Not synced yet',
    lastSynced: 'Synced {{when}}',
    addAnother: 'Add an account',
    you: 'You: {{name}}',
    youById: 'You: user #{{id}}',
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
  sync: {
    button: 'Sync now',
    cancel: 'Cancel',
    phaseAccount: 'Connecting to {{name}}…',
    phaseContacts_one: '{{name}}: {{count, number}} contact loaded so far…',
    phaseContacts_other: '{{name}}: {{count, number}} contacts loaded so far…',
    phaseDeletions: '{{name}}: checking for deleted contacts…',
    phaseReconcile: '{{name}}: comparing every contact with amoCRM ({{count, number}} so far)…',
    done: 'Sync finished: {{changed}} new or changed, {{deleted}} deleted in amoCRM.',
    reconcile: 'Check for removed contacts',
    reconcileHint: 'Compares every contact with amoCRM and removes those you can no longer see. Takes longer.',
    reconciled: 'Checked {{checked}} contacts: {{removed}} removed, {{added}} added.',
    cancelled: 'Sync cancelled. What was already downloaded is kept.',
  },
};
