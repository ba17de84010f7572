/** English text of the "who is calling?" section (merged into i18n/en.ts). */
export const lookupEn = {
  lookup: {
    heading: 'Who is calling?',
    hint: 'Type or paste a number in any format: +7 912…, 8 (912)…, 912 345-67-89. The answer comes from this computer, without asking amoCRM.',
    label: 'Phone number',
    notANumber: '“{{text}}” is not a phone number. Type its digits, for example +7 912 345-67-89.',
    button: 'Find',
    none: 'Nobody in your contacts has the number {{phone}}.',
    found: 'Contacts with this number: {{count, number}}',
    foundLast7: 'No exact match. Contacts whose number ends in the same seven digits: {{count, number}}',
  },
};
