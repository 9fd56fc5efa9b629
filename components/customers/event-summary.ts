import { Decimal } from '@/lib/engine/decimal';
import { formatAmount } from '@/lib/format';
import type { StoredEvent } from '@/lib/validation/events';

/** One line per event for the customer's history: "2 lines, 120.00 USD", "30.00 of order o-1". */
export function eventSummary(payload: StoredEvent): string {
  if (payload.type === 'order') {
    const total = payload.data.lines.reduce((acc, l) => acc.plus(l.amount), new Decimal(0));
    const lines = payload.data.lines.length;
    return `${lines} line${lines === 1 ? '' : 's'}, ${formatAmount(total.toFixed(), payload.data.currency)}`;
  }
  if (payload.type === 'refund') {
    return payload.data.amount ? `${payload.data.amount} of order ${payload.data.orderId}` : `the whole of order ${payload.data.orderId}`;
  }
  return `milestone “${payload.data.name}”`;
}
