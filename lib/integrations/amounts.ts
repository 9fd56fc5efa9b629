import { currencyPrecision, Decimal } from '../engine';
import { AppError } from '../errors';

// Money arriving from payment providers, turned into the plain decimal strings our events carry.
// decimal.js all the way: a provider's amount never passes through float arithmetic.

/**
 * Stripe's minor units follow ISO 4217 except where its docs list special cases: ISK stays a
 * two-decimal currency in the API (100 = 1 króna) and MGA is zero-decimal.
 * https://docs.stripe.com/currencies#zero-decimal and #special-cases
 */
const STRIPE_EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = { ISK: 2, MGA: 0 };

export function stripeExponent(currency: string): number {
  const code = currency.toUpperCase();
  return STRIPE_EXPONENT_EXCEPTIONS[code] ?? currencyPrecision(code);
}

/** An integer amount in Stripe's minor units as a decimal in major units: 1999 USD → 19.99. */
export function fromStripeMinor(amount: number, currency: string): Decimal {
  if (!Number.isSafeInteger(amount)) throw new AppError('invalid_input', `Stripe amount ${amount} is not an integer.`);
  return new Decimal(amount).div(new Decimal(10).pow(stripeExponent(currency)));
}

/** A provider's decimal amount ("19.99" or, in some Shopify fields, the JSON number 19.99). */
export function fromProviderDecimal(amount: string | number): Decimal {
  // a JSON number becomes its shortest decimal spelling, which is exactly what the sender wrote
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new AppError('invalid_input', `"${text}" is not a decimal amount.`);
  return new Decimal(text);
}

/** The decimal string our event schema expects, with the currency's usual decimals (never rounded away). */
export function toAmountString(amount: Decimal, currency: string): string {
  const decimals = Math.max(currencyPrecision(currency), amount.decimalPlaces());
  return amount.toFixed(decimals);
}
