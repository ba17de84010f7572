/**
 * Phone numbers: stored as written and as E.164, so lookups and de-duplication work
 * however the number was typed ("8 (912) 345-67-89", "+7 912 345 67 89", "89123456789").
 */
import {
  type CountryCode,
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import { prepareForParsing } from './dial-numbers';

export interface NormalizedPhone {
  /** +79123456789, or null when the text is not a possible phone number. */
  readonly e164: string | null;
  /** The extension ("доб. 123", "ext. 45") if one was written. */
  readonly extension: string | null;
  /** The national significant number (9123456789), for "last digits" matching. */
  readonly national: string | null;
}

const none: NormalizedPhone = { e164: null, extension: null, national: null };

/** The account's country as a libphonenumber region, or undefined for "only international". */
export function phoneRegion(country: string | null | undefined): CountryCode | undefined {
  const upper = country?.toUpperCase();
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

export function normalizePhone(raw: string, region: CountryCode | undefined): NormalizedPhone {
  if (!/\d/.test(raw)) return none;
  const text = prepareForParsing(raw);
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(text, region);
    // A field with several numbers ("8 916 123-45-67 / 8 495 947-11-73") is not one number:
    // its first is the one lookups find (the export writes every one, dial-numbers.ts).
    if (!parsed?.isPossible())
      parsed = findPhoneNumbersInText(text, region ? { defaultCountry: region } : undefined)[0]?.number;
  } catch {
    return none;
  }
  if (!parsed?.isPossible()) return none;
  return { e164: parsed.number, extension: parsed.ext ?? null, national: parsed.nationalNumber };
}

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** A phone counts for export (R2) if it parses, or at least has enough digits to dial. */
export function isDialable(raw: string, e164: string | null): boolean {
  return e164 !== null || digitsOf(raw).length >= 5;
}
