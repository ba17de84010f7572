/** English text of the history section (merged into i18n/en.ts). */
export const historyEn = {
  history: {
    heading: 'Export history',
    intro: 'Every export, newest first: what was sent, or why it was not.',
    loading: 'Loading the history…',
    empty: 'No exports yet. Export from “Phones and export”.',
    refresh: 'Refresh',
    device: 'Device',
    allDevices: 'All devices',
    columns: { when: 'When', device: 'Device', route: 'Route', outcome: 'Outcome', details: 'Details' },
    route: { file: '.vcf file', lan: 'QR code', usb: 'USB cable', carddav: 'CardDAV address book' },
    outcome: { delivered: 'Delivered', failed: 'Failed', cancelled: 'Cancelled' },
    counts: '{{delivered, number}} sent: {{new, number}} new, {{updated, number}} updated.',
    skipped: 'Skipped: {{list}}.',
    skip: {
      noPhone: '{{count, number}} without a phone',
      cap: '{{count, number}} over the iPhone limit',
      rights: '{{count, number}} outside your rights',
    },
    reason: {
      expired: 'The phone did not take the contacts in time.',
      cancelled: 'Cancelled before the phone took the contacts.',
      'commit-failed': 'The phone got the contacts but the app could not record it; the next export sends them again.',
      other: 'The app reported: {{reason}}',
      none: 'No reason was recorded.',
    },
  },
};
