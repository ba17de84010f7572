/**
 * How a number's extension is written for each target: the form that the target's own
 * importer turns back into the CRM's number, followed by a pause, followed by the extension.
 * The main number is never glued to its extension. Measured, not assumed:
 *
 * | target                        | form              | why                                                                                   |
 * | ----------------------------- | ----------------- | ------------------------------------------------------------------------------------- |
 * | Android (file, QR, USB)       | `+74959471173p562` | AOSP's VCardEntry.addPhone keeps `0-9 * #` and a leading `+`, turns `p` into its own   |
 * |                               |                   | pause (`,`) and drops everything else, a comma included: `,562` would be stored as     |
 * |                               |                   | `+74959471173562`, a number that does not exist (tests/unit/readers, AOSP's own code). |
 * | iPhone (file, QR)             | `+74959471173,562` | `,` is the iPhone's own pause (what its keypad's "pause" inserts); a `p` there is a     |
 * |                               |                   | letter, which the iPhone's dialer would turn into a 7. Not verified on a real iPhone.  |
 * | .vcf file (Google Contacts)   | `+74959471173,562` | Google Contacts keeps TEL text as written, and `,` is the pause of Android's dialer    |
 * |                               |                   | and caller ID (PhoneNumberUtils: the network portion ends at `,`, so the main number   |
 * |                               |                   | still matches a call). Not verified against Google's servers (unreachable here).       |
 * | CardDAV                       | probed per server | what the server keeps: `,` where it keeps text; Radicale (python-vobject) splits TEL   |
 * |                               |                   | at an unescaped `,` and keeps `\,` (read as `,` by every client parser tested), so     |
 * |                               |                   | `\,` there; `p` as the last resort (delivery/carddav/read-back.ts).                    |
 * | vCard 4.0 (any target)        | `tel:+74959471173;ext=562` | RFC 3966, as RFC 6350 asks; see export/vcard4.ts.                                    |
 */
import type { TargetPlatform } from '../../shared/api/types';

export type TelForm = 'comma' | 'escaped-comma' | 'pause-p';

/** The forms a CardDAV server is tried with, in order: plainest first. */
export const carddavTelForms: readonly TelForm[] = ['comma', 'escaped-comma', 'pause-p'];

/** The characters between a number and its extension in each form (ASCII, written as they are). */
export function pauseOf(form: TelForm): string {
  switch (form) {
    case 'comma':
      return ',';
    case 'escaped-comma':
      return '\\,';
    case 'pause-p':
      return 'p';
  }
}

/** The form for a device's platform (a CardDAV target's own form is probed: carddav_targets.tel_form). */
export function telFormFor(platform: TargetPlatform): TelForm {
  return platform === 'android' ? 'pause-p' : 'comma';
}

/**
 * The pause as stored cards hold it (contact_cards, stored-card.ts): a control character
 * that no written value can contain (the card writer removes every C0 control from
 * values), so SQLite can put each target's pause in with replace() as it frames the cards.
 */
export const storedPause = '\u0001';

/** A number with its extension, in a form: what a TEL line's value reads. */
export function dialText(main: string, extension: string | null | undefined, form: TelForm): string {
  return extension ? `${main}${pauseOf(form)}${extension}` : main;
}
