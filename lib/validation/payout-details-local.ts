// Local bank accounts (no IBAN): the routing code's name and shape per country where banks and Wise
// need a fixed one. Elsewhere the account number is taken as written and the routing or bank code
// is optional (several countries put bank and branch inside the account number, e.g. New Zealand).

export interface LocalAccountRules {
  /** what the form calls the routing code */
  routingLabel: string;
  routingHint: string;
  /** a normalised routing code's problem, or undefined */
  routingProblem: (code: string) => string | undefined;
  accountProblem: (account: string) => string | undefined;
  /** US accounts are checking or savings: Wise and ACH need to know which */
  needsAccountType: boolean;
}

const digits = (n: string, what: string) => (code: string) => (new RegExp(`^[0-9]{${n}}$`).test(code) ? undefined : `must be ${what}`);

/** ABA routing numbers carry a check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaChecksumHolds(code: string): boolean {
  const d = [...code].map(Number);
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}

const RULES: Readonly<Record<string, LocalAccountRules>> = {
  US: {
    routingLabel: 'ABA routing number',
    routingHint: '9 digits, printed at the bottom left of a check.',
    routingProblem: (code) => digits('9', '9 digits')(code) ?? (abaChecksumHolds(code) ? undefined : 'the check digit does not match — check for a typo'),
    accountProblem: digits('4,17', '4 to 17 digits'),
    needsAccountType: true,
  },
  GB: {
    routingLabel: 'Sort code',
    routingHint: '6 digits, e.g. 40-47-84.',
    routingProblem: digits('6', '6 digits, e.g. 40-47-84'),
    accountProblem: digits('8', '8 digits'),
    needsAccountType: false,
  },
  AU: {
    routingLabel: 'BSB code',
    routingHint: '6 digits, e.g. 062-000.',
    routingProblem: digits('6', '6 digits, e.g. 062-000'),
    accountProblem: digits('5,10', '5 to 10 digits'),
    needsAccountType: false,
  },
  IN: {
    routingLabel: 'IFSC',
    routingHint: '11 characters, e.g. SBIN0005943.',
    routingProblem: (code) => (/^[A-Z]{4}0[A-Z0-9]{6}$/.test(code) ? undefined : 'must be 4 letters, a zero and 6 letters or digits, e.g. SBIN0005943'),
    accountProblem: digits('9,18', '9 to 18 digits'),
    needsAccountType: false,
  },
};

const GENERIC: LocalAccountRules = {
  routingLabel: 'Routing or bank code (if your bank has one)',
  routingHint: 'The bank, branch or clearing code your bank gives for incoming transfers.',
  routingProblem: (code) => (/^[A-Z0-9]{1,20}$/.test(code) ? undefined : 'must be at most 20 letters and digits'),
  accountProblem: (account) => (/^[A-Z0-9]{1,34}$/.test(account) ? undefined : 'must be at most 34 letters and digits'),
  needsAccountType: false,
};

export const localAccountRules = (country: string): LocalAccountRules => RULES[country] ?? GENERIC;

/** Whether the country's transfers need a routing code next to the account number. */
export const routingRequired = (country: string): boolean => country in RULES;

/** Spaces, dashes, dots and slashes are how people group digits, not part of the number. */
export const normaliseAccountCode = (raw: string): string => raw.replace(/[\s./-]+/g, '').toUpperCase();
