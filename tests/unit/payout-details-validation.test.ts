import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { payoutDetailsSchema } from '../../lib/validation/payout-details';
import { IBAN_LENGTHS, bicProblem, groupIban, ibanProblem, normaliseIban, usesIban } from '../../lib/validation/payout-details-iban';
import { abaChecksumHolds } from '../../lib/validation/payout-details-local';
import { COUNTRY_CODES } from '../../lib/validation/payout-details-countries';
import { maskPayoutDetails } from '../../lib/domain/payout-details';
import { fieldErrors } from '../../lib/errors';

// Payout details validation: table-driven cases for each check, and properties for the IBAN
// checksum against an independent BigInt implementation of ISO 7064 MOD 97-10.

/** Check digits for a country and BBAN, computed the slow, obvious way (the oracle). */
function checkDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((c) => parseInt(c, 36).toString()).join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

const ibanOf = (country: string, bban: string) => `${country}${checkDigits(country, bban)}${bban}`;

/** A valid IBAN of any registry country, its BBAN of digits and capital letters. */
const validIban = fc
  .constantFrom(...Object.keys(IBAN_LENGTHS))
  .chain((country) =>
    fc
      .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { minLength: IBAN_LENGTHS[country] - 4, maxLength: IBAN_LENGTHS[country] - 4 })
      .map((chars) => ibanOf(country, chars.join(''))),
  );

const bank = (fields: Record<string, string>) => ({ method: 'bank_transfer', accountHolder: 'Jane Doe', holderType: 'private', ...fields });
const errorsOf = (input: unknown) => {
  const r = payoutDetailsSchema.safeParse(input);
  return r.success ? {} : fieldErrors(r.error.issues);
};

describe('IBAN', () => {
  it.each([
    ['DE89370400440532013000'],
    ['GB29NWBK60161331926819'],
    ['NO9386011117947'],
    ['MT84MALT011000012345MTLCAST001S'],
    ['FR1420041010050500013M02606'],
    ['LC55HEMM000100010012001200023015'],
    ['RU0204452560040702810412345678901'],
  ])('accepts the registry example %s', (iban) => {
    expect(ibanProblem(iban)).toBeUndefined();
  });

  it.each([
    ['DE89370400440532013001', 'the checksum does not match — check for a typo'],
    ['DE8937040044053201300', 'a DE IBAN has 22 characters; this one has 21'],
    ['US12345678901234567890', 'US does not issue IBANs; choose “Account number and routing code” instead'],
    ['DE89-3704', 'may contain only letters and digits'],
    ['1234567890', 'must start with a country code and two check digits, e.g. DE89…'],
  ])('refuses %s: %s', (iban, problem) => {
    expect(ibanProblem(iban)).toBe(problem);
  });

  it('normalises spaces, dashes and case, and groups by four for display', () => {
    expect(normaliseIban(' de89 3704-0044 0532 0130 00 ')).toBe('DE89370400440532013000');
    expect(groupIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it('knows every registry country and its territories', () => {
    expect(Object.keys(IBAN_LENGTHS).every((c) => COUNTRY_CODES.includes(c))).toBe(true);
    expect(['RE', 'JE', 'AX', 'DE'].every(usesIban)).toBe(true);
    expect(['US', 'AU', 'IN'].some(usesIban)).toBe(false);
  });

  it('accepts every valid IBAN however it is typed', () => {
    fc.assert(
      fc.property(validIban, fc.boolean(), (iban, lower) => {
        const typed = groupIban(lower ? iban.toLowerCase() : iban);
        const out = payoutDetailsSchema.parse(bank({ country: iban.slice(0, 2), accountFormat: 'iban', iban: typed }));
        expect(out).toMatchObject({ iban });
      }),
    );
  });

  it('refuses a valid IBAN with any one digit changed', () => {
    fc.assert(
      fc.property(validIban, fc.nat(), fc.integer({ min: 1, max: 9 }), (iban, at, shift) => {
        const digitPositions = [...iban].flatMap((c, i) => (i >= 2 && /[0-9]/.test(c) ? [i] : []));
        const i = digitPositions[at % digitPositions.length];
        const changed = `${iban.slice(0, i)}${(Number(iban[i]) + shift) % 10}${iban.slice(i + 1)}`;
        expect(ibanProblem(changed)).toBe('the checksum does not match — check for a typo');
        expect(errorsOf(bank({ country: iban.slice(0, 2), accountFormat: 'iban', iban: changed }))).toEqual({ iban: 'the checksum does not match — check for a typo' });
      }),
      { numRuns: 500 },
    );
  });
});

describe('BIC', () => {
  it.each([
    ['DEUTDEFF', undefined],
    ['DEUTDEFF500', undefined],
    ['NWBKGB2L', undefined],
    ['DEUTDEF', 'must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500'],
    ['DEUTDEFF50', 'must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500'],
    ['DEUT12FF', 'must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500'],
    ['DEUTQQFF', 'characters 5–6 must be a country code; QQ is not one'],
  ])('%s', (bic, problem) => {
    expect(bicProblem(bic)).toBe(problem);
  });
});

describe('local bank accounts', () => {
  it('checks ABA routing numbers by their check digit', () => {
    expect(['021000021', '011000015', '121000358'].every(abaChecksumHolds)).toBe(true);
    expect(abaChecksumHolds('021000022')).toBe(false);
  });

  it.each([
    ['US', { accountNumber: '000123456789', routingCode: '021000021', accountType: 'checking' }, {}],
    ['US', { accountNumber: '000123456789', routingCode: '021000021' }, { accountType: 'choose checking or savings' }],
    ['US', { accountNumber: '12', routingCode: '' }, { accountNumber: 'must be 4 to 17 digits', routingCode: 'is required', accountType: 'choose checking or savings' }],
    ['GB', { accountNumber: '31926819', routingCode: '60-16-13' }, {}],
    ['GB', { accountNumber: '3192681', routingCode: '60-16' }, { accountNumber: 'must be 8 digits', routingCode: 'must be 6 digits, e.g. 40-47-84' }],
    ['AU', { accountNumber: '12345678', routingCode: '062-000' }, {}],
    ['IN', { accountNumber: '000123456789', routingCode: 'SBIN0005943' }, {}],
    ['IN', { accountNumber: '000123456789', routingCode: 'SBIN1005943' }, { routingCode: 'must be 4 letters, a zero and 6 letters or digits, e.g. SBIN0005943' }],
    ['NZ', { accountNumber: '12-3456-7890123-00', routingCode: '' }, {}],
    ['JP', { accountNumber: '1234567', routingCode: '0001-001' }, {}],
    ['JP', { accountNumber: '', routingCode: '' }, { accountNumber: 'is required' }],
  ])('%s %o', (country, fields, errors) => {
    expect(errorsOf(bank({ country, accountFormat: 'local', ...fields }))).toEqual(errors);
  });

  it('keeps only the half of the form the partner chose, normalised', () => {
    expect(payoutDetailsSchema.parse(bank({ country: 'gb', accountFormat: 'local', accountNumber: '3192 6819', routingCode: '60-16-13', iban: 'left over', accountType: 'savings' }))).toEqual({
      method: 'bank_transfer', accountHolder: 'Jane Doe', holderType: 'private', country: 'GB', accountNumber: '31926819', routingCode: '601613',
    });
    expect(payoutDetailsSchema.parse(bank({ country: 'DE', accountFormat: 'iban', iban: 'DE89370400440532013000', accountNumber: '123', routingCode: 'x' }))).toEqual({
      method: 'bank_transfer', accountHolder: 'Jane Doe', holderType: 'private', country: 'DE', iban: 'DE89370400440532013000',
    });
  });

  it('checks the country against the IBAN, territories included', () => {
    const fr = ibanOf('FR', '20041010050500013M02606');
    expect(errorsOf(bank({ country: 'RE', accountFormat: 'iban', iban: fr }))).toEqual({});
    expect(errorsOf(bank({ country: 'BE', accountFormat: 'iban', iban: fr }))).toEqual({ country: 'does not match the IBAN, which is a FR account' });
    expect(errorsOf(bank({ country: 'ZZ', accountFormat: 'iban', iban: fr }))).toEqual({ country: 'choose the country of the account (ISO 3166-1 code such as DE)' });
  });
});

describe('the other methods', () => {
  it.each([
    [{ method: 'paypal', email: ' jane@example.com ' }, {}],
    [{ method: 'paypal', email: 'jane@' }, { email: 'must be an email address such as jane@example.com' }],
    [{ method: 'wise', email: 'jane@example.com', accountHolder: 'J', holderType: 'private' }, { accountHolder: 'is required (the name on the account)' }],
    [{ method: 'wise', email: 'jane@example.com', accountHolder: 'Jane\u0000Doe', holderType: 'business' }, { accountHolder: 'may not contain control characters' }],
    [{ method: 'wise', email: 'jane@example.com', accountHolder: 'Jane Doe' }, { holderType: 'choose private person or business' }],
    [{ method: 'other', instructions: 'Pay by cheque\nto the office' }, {}],
    [{ method: 'other', instructions: 'x'.repeat(501) }, { instructions: 'must be at most 500 characters' }],
    [{ method: 'crypto', wallet: '0xabc' }, { method: 'choose how you want to be paid' }],
  ])('%o', (input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });
});

describe('masked summaries', () => {
  it.each([
    [{ method: 'paypal', email: 'jane.doe@example.com' } as const, 'PayPal · j•••@example.com'],
    [{ method: 'wise', email: 'jane@example.com', accountHolder: 'Jane Doe', holderType: 'private' } as const, 'Wise · j•••@example.com · J. Doe'],
    [{ method: 'wise', email: 'hello@brightpixel.test', accountHolder: 'Bright Pixel Agency', holderType: 'business' } as const, 'Wise · h•••@brightpixel.test · Bright Pixel Agency'],
    [{ method: 'bank_transfer', accountHolder: 'John Doe', holderType: 'private', country: 'DE', iban: 'DE89370400440532013000' } as const, 'Bank transfer · DE89 •••• 3000 · J. Doe'],
    [{ method: 'bank_transfer', accountHolder: 'Acme GmbH', holderType: 'business', country: 'US', accountNumber: '000123456789', routingCode: '021000021', accountType: 'checking' } as const, 'Bank transfer · US account ••••6789 · Acme GmbH'],
    [{ method: 'other', instructions: 'IBAN DE89 3704 0044 0532 0130 00 please' } as const, 'Other · written instructions (39 characters)'],
  ])('%o', (details, masked) => {
    expect(maskPayoutDetails(details)).toBe(masked);
  });

  it('never holds more than the first and last four characters of an account', () => {
    fc.assert(
      fc.property(validIban, (iban) => {
        const masked = maskPayoutDetails({ method: 'bank_transfer', accountHolder: 'Jane Doe', holderType: 'private', country: iban.slice(0, 2), iban });
        expect(masked).not.toContain(iban.slice(4, -4));
        expect(masked).toBe(`Bank transfer · ${iban.slice(0, 4)} •••• ${iban.slice(-4)} · J. Doe`);
      }),
    );
  });
});
