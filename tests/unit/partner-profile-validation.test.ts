import { describe, expect, it } from 'vitest';
import { notificationPrefsFormSchema, partnerProfileFormSchema } from '../../lib/validation/partner-profile';
import { fieldErrors } from '../../lib/errors';

// The portal profile's fields: each refusal is keyed by its field, blanks clear optional fields,
// websites are https only, tax countries are ISO 3166-1 alpha-2, and every notification kind gets
// an explicit choice from its checkbox.

const ID = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const parse = (fields: Record<string, unknown>) => partnerProfileFormSchema.safeParse({ partnerId: ID, name: 'Pat', ...fields });
const errorsOf = (fields: Record<string, unknown>) => {
  const r = parse(fields);
  return r.success ? {} : fieldErrors(r.error.issues);
};

describe('profile fields', () => {
  it('keeps a full profile, trimmed, with the country upper-cased', () => {
    const r = parse({ name: '  Pat Partner ', company: ' Pat Media ', website: 'https://pat.example/blog', taxCountry: 'de' });
    expect(r.success && r.data).toEqual({ partnerId: ID, name: 'Pat Partner', company: 'Pat Media', website: 'https://pat.example/blog', taxCountry: 'DE' });
  });

  it('treats blank optional fields as not given', () => {
    const r = parse({ company: '  ', website: '', taxCountry: '' });
    expect(r.success && r.data).toEqual({ partnerId: ID, name: 'Pat' });
  });

  it.each([
    ['pat.example', 'https://pat.example'],
    ['https://pat.example/', 'https://pat.example'],
    ['HTTPS://Pat.Example/Shop?ref=1', 'https://pat.example/Shop?ref=1'],
    ['pat.example/about', 'https://pat.example/about'],
  ])('website %s is stored as %s', (input, stored) => {
    const r = parse({ website: input });
    expect(r.success && r.data.website).toBe(stored);
  });

  it.each([
    ['http://pat.example', 'must be an https:// address such as https://example.com'],
    ['javascript:alert(1)', 'must be an https:// address such as https://example.com'],
    ['ftp://pat.example', 'must be an https:// address such as https://example.com'],
    ['https://localhost', 'must be a public web address such as https://example.com'],
    ['https://me:secret@pat.example', 'must be a public web address such as https://example.com'],
    ['https://exa mple.com', 'must be a web address such as https://example.com'],
    [`https://pat.example/${'a'.repeat(300)}`, 'must be at most 300 characters'],
  ])('website %s is refused: %s', (input, message) => {
    expect(errorsOf({ website: input })).toEqual({ website: message });
  });

  it('names each field it refuses', () => {
    expect(errorsOf({ name: '   ' })).toEqual({ name: 'is required' });
    expect(errorsOf({ name: 'x'.repeat(121) })).toEqual({ name: 'must be at most 120 characters' });
    expect(errorsOf({ name: 'Pat\u0000' })).toEqual({ name: 'may not contain control characters' });
    expect(errorsOf({ company: 'c'.repeat(121) })).toEqual({ company: 'must be at most 120 characters' });
    expect(errorsOf({ taxCountry: 'XX' })).toEqual({ taxCountry: 'choose a country from the list (ISO 3166-1 code such as DE)' });
    expect(errorsOf({ taxCountry: 'Germany' })).toEqual({ taxCountry: 'choose a country from the list (ISO 3166-1 code such as DE)' });
    expect(errorsOf({ partnerId: 'nope' })).toEqual({ partnerId: 'not found' });
  });
});

describe('notification preferences', () => {
  it('a ticked box is on, a missing one off, for every kind', () => {
    const r = notificationPrefsFormSchema.parse({ partnerId: ID, notify_payout_sent: 'on', notify_deal_decided: 'on', notify_unknown: 'on' });
    expect(r).toEqual({
      partnerId: ID,
      notificationPrefs: { application_decided: false, reward_payable: false, payout_sent: true, payout_failed: false, deal_decided: true },
    });
  });
});
