import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notifications';
import { isCountryCode } from './payout-details-countries';

// What a partner may enter on the portal's profile: who they are (name, company, website, tax
// country) and which notification emails they want. Errors are keyed by the field, like the other
// forms ("website: must be an https:// address such as https://example.com").

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// control characters would reach the console, the audit log and CSV exports
const CONTROL = /[\u0000-\u001f\u007f]/;
const noControl = (s: string) => !CONTROL.test(s);

const partnerId = z.uuid({ error: 'not found' });

/**
 * A public web address on https. A bare host ("example.com/about") gets https:// in front, as a
 * browser's address bar would; any other scheme (http, javascript:, mailto:) is refused, since the
 * merchant's console links to it.
 */
export const websiteSchema = z
  .string()
  .trim()
  .max(300, 'must be at most 300 characters')
  .transform((s, ctx) => {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a web address such as https://example.com' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// address such as https://example.com' });
      return z.NEVER;
    }
    // a host with a dot and no credentials: "https://localhost" or "https://me:pw@x.com" is not a website
    if (!url.hostname.includes('.') || url.hostname.endsWith('.') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must be a public web address such as https://example.com' });
      return z.NEVER;
    }
    // a bare origin is stored without its trailing slash: "https://example.com"
    return url.pathname === '/' && !url.search && !url.hash ? url.href.slice(0, -1) : url.href;
  });

/** Name, company, website and tax country of one partner record. */
export const partnerProfileFormSchema = z.object({
  partnerId,
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(120, 'must be at most 120 characters')
    .refine(noControl, 'may not contain control characters'),
  company: z.preprocess(
    blankToUndefined,
    z.string().trim().max(120, 'must be at most 120 characters').refine(noControl, 'may not contain control characters').optional(),
  ),
  website: z.preprocess(blankToUndefined, websiteSchema.optional()),
  taxCountry: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'choose a country from the list (ISO 3166-1 code such as DE)')
      .optional(),
  ),
});
export type PartnerProfileForm = z.output<typeof partnerProfileFormSchema>;

/** The form field of one kind's checkbox: `notify_payout_sent`. */
export const notificationField = (kind: NotificationKind) => `notify_${kind}` as const;

/**
 * The notification checkboxes: a ticked box sends "on", an unticked one sends nothing, so every
 * kind gets an explicit true or false (stored for every kind; a kind added later is on until the
 * partner saves again).
 */
export const notificationPrefsFormSchema = z
  .object({ partnerId })
  .catchall(z.unknown())
  .transform((input) => ({
    partnerId: input.partnerId,
    notificationPrefs: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, input[notificationField(k)] === 'on'])) as Record<NotificationKind, boolean>,
  }));
export type NotificationPrefsForm = z.output<typeof notificationPrefsFormSchema>;
