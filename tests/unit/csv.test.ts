import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { amountCell, neutraliseFormula, timeCell } from '../../lib/csv/cells';
import { csvChunks, csvRecords, type CsvRow } from '../../lib/csv/write';
import { paymentId } from '../../lib/csv/payout-row';
import { paypalFit, paypalRow } from '../../lib/csv/paypal';
import { WISE_HEADER, wiseFit, wiseRow } from '../../lib/csv/wise';
import { LeftOutTally } from '../../lib/csv/left-out';
import type { PayoutDetails } from '../../lib/domain/payout-details';

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('formula neutralisation (OWASP CSV injection)', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('prefixes %j with a single quote', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['Acme', '1+1', 'a=b', ' =1', "'=1", ''])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('quotes a neutralised cell and reads back as inert text', () => {
    const text = csvRecords([['=HYPERLINK("http://x","y")', '+31 20 123', 'plain']]);
    expect(text).toBe(`"'=HYPERLINK(""http://x"",""y"")","'+31 20 123",plain\r\n`);
    expect(parse(text)).toEqual([[`'=HYPERLINK("http://x","y")`, "'+31 20 123", 'plain']]);
  });

  it('writes a negative amount as a number, but a text that looks like one as text', () => {
    expect(csvRecords([[amountCell('-12.5', 'USD', []), '-12.50']])).toBe(`-12.50,"'-12.50"\r\n`);
  });
});

describe('RFC 4180 records', () => {
  it('quotes commas, quotes and line breaks, ends every record with CRLF and writes empty cells for null', () => {
    const text = csvRecords([
      ['a,b', 'say "hi"', 'two\nlines', null, undefined],
      ['x', '', 'y', 'z', 'w'],
    ]);
    expect(text).toBe('"a,b","say ""hi""","two\nlines",,\r\nx,,y,z,w\r\n');
    expect(parse(text)).toEqual([['a,b', 'say "hi"', 'two\nlines', '', ''], ['x', '', 'y', 'z', 'w']]);
  });

  it('keeps UTF-8 text as it is', () => {
    expect(parse(csvRecords([['Zoë Müller', '東京']]))).toEqual([['Zoë Müller', '東京']]);
  });

  it('streams a header, then one chunk per page, skipping empty pages; no header when the layout has none', async () => {
    async function* pages(): AsyncGenerator<CsvRow[]> {
      yield [['1']];
      yield [];
      yield [['2'], ['3']];
    }
    const collect = async (header: string[] | null) => {
      const out: string[] = [];
      for await (const chunk of csvChunks(header, pages())) out.push(chunk);
      return out;
    };
    expect(await collect(['n'])).toEqual(['n\r\n', '1\r\n', '2\r\n3\r\n']);
    expect(await collect(null)).toEqual(['1\r\n', '2\r\n3\r\n']);
  });
});

describe('typed cells', () => {
  it.each([
    ['1234.5', 'USD', [], '1234.50'],
    ['-12.5', 'EUR', [], '-12.50'],
    ['1234.5', 'JPY', [], '1235'],
    ['1.5', 'KWD', [], '1.500'],
    ['10.125', 'USD', [], '10.13'],
    ['-0.001', 'USD', [], '0.00'],
    ['12000', 'points', [{ key: 'points', precision: 0 }], '12000'],
    ['2.5', 'credits', [{ key: 'credits', precision: 4 }], '2.5000'],
    ['2.50', 'mystery', [], '2.5'],
  ] as const)('amount %s %s -> %s (no separators, unit precision, half-up)', (amount, unit, units, expected) => {
    expect(amountCell(amount, unit, units).text).toBe(expected);
  });

  it('refuses to pass text off as an amount', () => {
    expect(() => amountCell('=1+1', 'USD', [])).toThrow();
    expect(() => amountCell('Infinity', 'USD', [])).toThrow();
  });

  it('writes times in ISO 8601 UTC with milliseconds', () => {
    expect(timeCell(new Date('2026-11-30T12:00:00Z'))?.text).toBe('2026-11-30T12:00:00.000Z');
    expect(timeCell(null)).toBeNull();
  });
});

describe('payment id', () => {
  it('fits PayPal Customer ID (<= 30 letters and digits) and maps back to the payout id', () => {
    for (const id of ['ffffffff-ffff-4fff-bfff-ffffffffffff', '00000000-0000-4000-8000-000000000001', crypto.randomUUID()]) {
      const short = paymentId(id);
      expect(short).toMatch(/^[0-9a-z]{1,25}$/);
      expect(BigInt(`0x${id.replaceAll('-', '')}`)).toBe([...short].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n));
    }
  });
});

const payout = (over: Partial<Parameters<typeof paypalFit>[0]> = {}) => ({
  payoutId: '3f2c8a1e-0000-4000-8000-000000000001', partnerName: 'Jane', partnerEmail: 'jane@p.test', unit: 'EUR', amount: '120.5',
  status: 'processing' as const, reference: null, failureReason: null, paidAt: null, ...over,
});
const paypal: PayoutDetails = { method: 'paypal', email: 'jane@paypal.test' };
const iban: PayoutDetails = { method: 'bank_transfer', accountHolder: 'Jane GmbH', holderType: 'business', country: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const points = [{ key: 'points', precision: 0 }];

describe('PayPal file', () => {
  it('is recipient, amount, currency, customer id, note, wallet', () => {
    const text = csvRecords([paypalRow(payout(), { method: 'paypal', email: 'jane@paypal.test' }, '2026-11', [])]);
    expect(parse(text)).toEqual([['jane@paypal.test', '120.50', 'EUR', paymentId(payout().payoutId), 'Partner payout 2026-11', 'PAYPAL']]);
  });

  it.each([
    ['settled', payout({ status: 'paid' }), paypal, null],
    ['not_currency', payout({ unit: 'points' }), paypal, null],
    ['other_currency', payout(), paypal, 'USD'],
    ['no_details', payout(), undefined, null],
    ['other_method', payout(), iban, null],
  ] as const)('leaves a payout out as %s', (reason, p, details, currency) => {
    expect(paypalFit(p, details, currency, points)).toEqual({ fits: false, reason });
  });

  it('takes a processing payout in a currency to a PayPal email', () => {
    expect(paypalFit(payout(), paypal, 'EUR', points)).toEqual({ fits: true });
  });
});

describe('Wise file', () => {
  const cells = (details: PayoutDetails, p = payout()) => Object.fromEntries(WISE_HEADER.map((h, i) => [h, wiseRow(p, details, 'batch-2026-11-with-a-long-name', [])[i]]));

  it('fills IBAN and BIC for an IBAN account, as a business, fixed target amount', () => {
    expect(cells(iban)).toMatchObject({
      name: 'Jane GmbH', recipientEmail: 'jane@p.test', paymentReference: 'batch-2026-11-with', receiverType: 'BUSINESS', amountCurrency: 'target',
      sourceCurrency: 'EUR', targetCurrency: 'EUR', IBAN: 'DE89370400440532013000', BIC: 'COBADEFFXXX', accountNumber: '', sortCode: '',
    });
  });

  it('puts a local routing code in the column of its country', () => {
    const local = (country: string, extra = {}): PayoutDetails => ({ method: 'bank_transfer', accountHolder: 'Jo', holderType: 'private', country, accountNumber: '12345678', routingCode: '0001', ...extra });
    expect(cells(local('GB'))).toMatchObject({ receiverType: 'PERSON', accountNumber: '12345678', sortCode: '0001', abartn: '', IBAN: '' });
    expect(cells(local('US', { accountType: 'savings' }))).toMatchObject({ abartn: '0001', accountType: 'SAVINGS' });
    expect(cells(local('AU'))).toMatchObject({ bsbCode: '0001' });
    expect(cells(local('IN'))).toMatchObject({ ifscCode: '0001' });
    expect(wiseFit(payout(), local('BR'), [])).toEqual({ fits: false, reason: 'bank_not_supported' });
  });

  it('sends to a Wise email without bank columns', () => {
    const row = cells({ method: 'wise', email: 'jane@wise.test', accountHolder: 'Jane Doe' });
    expect(row).toMatchObject({ name: 'Jane Doe', recipientEmail: 'jane@wise.test', receiverType: 'PERSON', IBAN: '', accountNumber: '' });
  });

  it('leaves out points, PayPal-only partners and partners without details', () => {
    expect(wiseFit(payout({ unit: 'points' }), iban, points)).toEqual({ fits: false, reason: 'not_currency' });
    expect(wiseFit(payout(), paypal, points)).toEqual({ fits: false, reason: 'other_method' });
    expect(wiseFit(payout(), undefined, points)).toEqual({ fits: false, reason: 'no_details' });
    expect(wiseFit(payout(), { method: 'other', instructions: 'cash' }, points)).toEqual({ fits: false, reason: 'other_method' });
  });
});

describe('left-out lines', () => {
  it('count per reason in a fixed order, naming the units', () => {
    const t = new LeftOutTally();
    t.add('no_details', 'EUR');
    t.add('not_currency', 'points');
    t.add('not_currency', 'credits');
    t.add('other_method', 'USD', 3);
    expect(t.lines('paypal')).toEqual([
      '2 payouts in credits, points (not a currency)',
      '1 payout to partners without payout details',
      '3 payouts to partners without a PayPal email',
    ]);
    expect(t.total).toBe(6);
    expect(t.clone().lines('wise')).toContain('3 payouts to partners paid by PayPal or another way');
  });
});
