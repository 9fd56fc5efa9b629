import { isCountryCode } from './payout-details-countries';

// IBAN (ISO 13616) and BIC (ISO 9362) checks for payout details. Each check returns the problem in
// words for the form ("the checksum does not match — check for a typo"), or undefined when fine.

/**
 * IBAN length per country, from the SWIFT IBAN registry (release 100, January 2025: 89 countries). A country
 * missing here does not issue IBANs; its partners enter a local account number instead.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * Territories whose accounts carry another country's IBAN prefix (the registry lists them under it):
 * an account in Réunion has a FR IBAN, one in Jersey a GB IBAN.
 */
const IBAN_COUNTRY_OF: Readonly<Record<string, string>> = {
  GF: 'FR', GP: 'FR', MQ: 'FR', RE: 'FR', PF: 'FR', TF: 'FR', YT: 'FR', NC: 'FR', BL: 'FR', MF: 'FR', PM: 'FR', WF: 'FR',
  IM: 'GB', JE: 'GB', GG: 'GB',
  AX: 'FI',
};

/** Whether accounts in this country use IBANs (its own or its parent country's). */
export const usesIban = (country: string): boolean => (IBAN_COUNTRY_OF[country] ?? country) in IBAN_LENGTHS;

/** The form people type ("de89 3704 0044 0532 0130 00") to the stored one ("DE89370400440532013000"). */
export const normaliseIban = (raw: string): string => raw.replace(/[\s-]+/g, '').toUpperCase();

/** An IBAN in groups of four, as printed on statements. */
export const groupIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** ISO 7064 MOD 97-10 over the IBAN moved round (country and check digits last); letters count 10..35. */
export function ibanChecksumHolds(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const value = Number.parseInt(ch, 36);
    // two-digit values (letters) shift the remainder by two decimal places
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** What is wrong with a normalised IBAN, or undefined. */
export function ibanProblem(iban: string): string | undefined {
  if (!/^[A-Z0-9]+$/.test(iban)) return 'may contain only letters and digits';
  if (!/^[A-Z]{2}[0-9]{2}/.test(iban)) return 'must start with a country code and two check digits, e.g. DE89…';
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return `${country} does not issue IBANs; choose “Account number and routing code” instead`;
  if (iban.length !== length) return `a ${country} IBAN has ${length} characters; this one has ${iban.length}`;
  if (!ibanChecksumHolds(iban)) return 'the checksum does not match — check for a typo';
  return undefined;
}

/** What is wrong with the account's country given its IBAN, or undefined. */
export function ibanCountryProblem(iban: string, country: string): string | undefined {
  const expected = IBAN_COUNTRY_OF[country] ?? country;
  const prefix = iban.slice(0, 2);
  return prefix === expected ? undefined : `does not match the IBAN, which is a ${prefix} account`;
}

/** The form people type ("deut de ff") to the stored one ("DEUTDEFF"). */
export const normaliseBic = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * What is wrong with a normalised BIC, or undefined. ISO 9362: a 4-character party prefix (letters
 * in every BIC in use; the 2014 revision allows digits), a country code, a 2-character location and
 * an optional 3-character branch.
 */
export function bicProblem(bic: string): string | undefined {
  if (!/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return 'must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500';
  const country = bic.slice(4, 6);
  if (!isCountryCode(country)) return `characters 5–6 must be a country code; ${country} is not one`;
  return undefined;
}
