/**
 * Phone numbers written the ways people really type them into a CRM, for the sandbox.
 */
import type { Rng } from './prng';

type Digits = string;

function digits(rng: Rng, count: number): Digits {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** A Russian number as `{ code, rest }`: a mobile 9XX or a Moscow/St Petersburg landline. */
function russianNumber(rng: Rng): { code: string; rest: string } {
  const code = rng.chance(0.75) ? `9${rng.int(0, 9)}${rng.int(0, 9)}` : rng.pick(['495', '499', '812']);
  return { code, rest: `${rng.int(2, 9)}${digits(rng, 6)}` };
}

const foreignNumbers: ReadonlyArray<(rng: Rng) => string> = [
  (rng) => `+44 20 7946 0${digits(rng, 3)}`,
  (rng) => `+1 (415) 555-01${digits(rng, 2)}`,
  (rng) => `+49 30 ${rng.int(2, 9)}${digits(rng, 6)}`,
  (rng) => `+375 29 ${rng.int(1, 9)}${digits(rng, 2)}-${digits(rng, 2)}-${digits(rng, 2)}`,
  (rng) => `+380 44 ${rng.int(2, 9)}${digits(rng, 2)} ${digits(rng, 4)}`,
  (rng) => `+7 727 ${rng.int(2, 3)}${digits(rng, 2)} ${digits(rng, 4)}`,
];

/** One phone number, formatted in one of the styles seen in real accounts. */
export function typedPhoneNumber(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(foreignNumbers)(rng);
  const { code, rest } = russianNumber(rng);
  const [a, b, c] = [rest.slice(0, 3), rest.slice(3, 5), rest.slice(5, 7)];
  const style = rng.int(0, 8);
  switch (style) {
    case 0:
      return `+7 ${code} ${a}-${b}-${c}`;
    case 1:
      return `8 (${code}) ${a}-${b}-${c}`;
    case 2:
      return `8${code}${rest}`;
    case 3:
      return `+7${code}${rest}`;
    case 4:
      return `8-${code}-${a}-${b}-${c}`;
    case 5:
      return `7 (${code}) ${rest}`;
    case 6:
      return `${code} ${a} ${b} ${c}`;
    case 7:
      return `+7 (${code}) ${a}-${b}-${c} доб. ${rng.int(10, 999)}`;
    default:
      return `8 ${code} ${a} ${b} ${c} ext. ${rng.int(10, 99)}`;
  }
}
