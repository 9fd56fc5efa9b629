import { COUNTRY_CODES } from '@/lib/validation/payout-details-countries';

/**
 * The country picker's options, named in English and sorted by name. Built on the server and
 * passed to the form, so the browser's own ICU data cannot make the list differ from the server's.
 */
export function countryOptions(): { value: string; label: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, 'en'));
}
