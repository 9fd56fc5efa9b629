import { z } from 'zod';
import { DEAL_MATCH_TYPES, type DealMatchType } from '../domain/deals';

// A deal registration as a partner (the portal) or the merchant on a partner's behalf (the REST
// API) writes it: the same fields and limits both ways. The service (registerDeal) normalises the
// prospect (lower-cased email or domain) and checks the enrollment.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const dealRegistrationFields = {
  matchType: z.enum(DEAL_MATCH_TYPES, 'choose how the prospect is identified'),
  matchValue: z.string().trim().min(1, 'is required').max(320, 'is too long'),
  prospectName: z.string().trim().min(1, 'is required').max(200, 'is too long'),
  notes: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'is too long').optional()),
  /** how long the claim lasts from now, in whole days */
  expiresDays: z.preprocess(
    blankToUndefined,
    z.coerce.number('must be a number of days').int('must be whole days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').default(90),
  ),
};

/** Why the prospect's identifier does not fit how it identifies them, or null when it does. */
export function dealMatchValueProblem(matchType: DealMatchType, matchValue: string): string | null {
  if (matchType === 'email' && !z.email().safeParse(matchValue).success) return 'must be an email address';
  if (matchType === 'email_domain' && !DOMAIN.test(matchValue.replace(/^@/, ''))) return 'must be a domain such as bigco.com';
  if (matchType === 'customer' && matchValue.length > 200) return 'is too long';
  return null;
}
