import { z } from 'zod';
import type { PayoutDetails } from '../domain/payout-details';
import { isCountryCode } from './payout-details-countries';
import { bicProblem, ibanCountryProblem, ibanProblem, normaliseBic, normaliseIban } from './payout-details-iban';
import { localAccountRules, normaliseAccountCode, routingRequired } from './payout-details-local';

// What a partner may enter as payout details, per method, producing the stored PayoutDetails.
// Messages follow the forms' convention: the field is named by its key (and its label on the page),
// the message says what is wrong ("iban: the checksum does not match — check for a typo").

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// control characters would end up in the masked summary (a text column) and in bank files
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const email = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address such as jane@example.com'));

const holderName = z
  .string({ error: 'is required' })
  .trim()
  .min(2, 'is required (the name on the account)')
  .max(140, 'must be at most 140 characters')
  .refine((s) => !CONTROL.test(s), 'may not contain control characters');

const optionalCode = z.preprocess(blankToUndefined, z.string().optional());

const paypal = z.object({ method: z.literal('paypal'), email });

const holderType = z.enum(['private', 'business'], { error: 'choose private person or business' });

const wise = z.object({ method: z.literal('wise'), email, accountHolder: holderName, holderType });

const other = z.object({
  method: z.literal('other'),
  instructions: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say how you want to be paid')
    .max(500, 'must be at most 500 characters')
    .refine((s) => !CONTROL_EXCEPT_LINES.test(s), 'may not contain control characters'),
});

const bankTransfer = z
  .object({
    method: z.literal('bank_transfer'),
    accountHolder: holderName,
    holderType,
    country: z
      .string({ error: 'choose the country of the account' })
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'choose the country of the account (ISO 3166-1 code such as DE)'),
    /** which half of the form the partner filled in; not stored (the fields say it) */
    accountFormat: z.enum(['iban', 'local'], { error: 'choose IBAN or account number and routing code' }),
    iban: optionalCode,
    bic: optionalCode,
    accountNumber: optionalCode,
    routingCode: optionalCode,
    accountType: z.preprocess(blankToUndefined, z.enum(['checking', 'savings'], { error: 'choose checking or savings' }).optional()),
  })
  // runs even when another field failed, so the partner sees every problem of the form at once
  .superRefine((v, ctx) => checkBankAccount(v, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })), { when: () => true });

type BankInput = z.output<typeof bankTransfer>;

/** The account half of the bank form; defensive about fields that failed their own checks. */
function checkBankAccount(v: Partial<BankInput>, issue: (path: string, message: string) => void) {
  const country = typeof v.country === 'string' && isCountryCode(v.country) ? v.country : undefined;
  if (v.accountFormat === 'iban') {
    if (!v.iban) return issue('iban', 'is required');
    const iban = normaliseIban(v.iban);
    const problem = ibanProblem(iban);
    if (problem) issue('iban', problem);
    else if (country) {
      const countryProblem = ibanCountryProblem(iban, country);
      if (countryProblem) issue('country', countryProblem);
    }
    const bicIssue = v.bic ? bicProblem(normaliseBic(v.bic)) : undefined;
    if (bicIssue) issue('bic', bicIssue);
  } else if (v.accountFormat === 'local') {
    const rules = localAccountRules(country ?? '');
    if (!v.accountNumber) issue('accountNumber', 'is required');
    else {
      const problem = rules.accountProblem(normaliseAccountCode(v.accountNumber));
      if (problem) issue('accountNumber', problem);
    }
    if (!v.routingCode) {
      if (country && routingRequired(country)) issue('routingCode', 'is required');
    } else {
      const problem = rules.routingProblem(normaliseAccountCode(v.routingCode));
      if (problem) issue('routingCode', problem);
    }
    if (rules.needsAccountType && !v.accountType) issue('accountType', 'choose checking or savings');
  }
}

/** Keeps only the half of the bank form the partner chose, normalised as banks and files want it. */
function bankDetails(v: BankInput): PayoutDetails {
  const base = { method: 'bank_transfer' as const, accountHolder: v.accountHolder, holderType: v.holderType, country: v.country };
  if (v.accountFormat === 'iban') {
    return { ...base, iban: normaliseIban(v.iban!), ...(v.bic ? { bic: normaliseBic(v.bic) } : {}) };
  }
  return {
    ...base,
    accountNumber: normaliseAccountCode(v.accountNumber!),
    ...(v.routingCode ? { routingCode: normaliseAccountCode(v.routingCode) } : {}),
    ...(localAccountRules(v.country).needsAccountType && v.accountType ? { accountType: v.accountType } : {}),
  };
}

/** Payout details as a partner submits them, to the stored PayoutDetails. */
export const payoutDetailsSchema = z
  .discriminatedUnion('method', [paypal, bankTransfer, wise, other], { error: 'choose how you want to be paid' })
  .transform((v): PayoutDetails => (v.method === 'bank_transfer' ? bankDetails(v) : v));

/** The portal form: the details for one of the signed-in partner's own partner records. */
export const payoutDetailsFormSchema = z.intersection(z.object({ partnerId: z.string().uuid('is not a valid id') }), payoutDetailsSchema);
export type PayoutDetailsForm = z.output<typeof payoutDetailsFormSchema>;

/** Splits the form's output into the partner record and the details to store. */
export function splitPayoutDetailsForm(form: PayoutDetailsForm): { partnerId: string; details: PayoutDetails } {
  const { partnerId, ...details } = form;
  return { partnerId, details: details as PayoutDetails };
}
