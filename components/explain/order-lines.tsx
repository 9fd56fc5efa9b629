import { Amount } from '../ui/amount';

export interface OrderLineView {
  product?: string | null;
  plan?: string | null;
  category?: string | null;
  amount: string;
  recurring?: boolean;
}

/** An order's lines as the storefront sent them (before tax and shipping, after discounts). */
export function OrderLines({ lines, currency }: { lines: OrderLineView[]; currency: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="order-lines">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-4 font-medium">Product</th>
            <th className="py-1 pr-4 font-medium">Plan</th>
            <th className="py-1 pr-4 font-medium">Category</th>
            <th className="py-1 pr-4 font-medium">Kind</th>
            <th className="py-1 text-right font-medium">Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l, i) => (
            <tr key={i}>
              <td className="py-1.5 pr-4">{l.product ?? '—'}</td>
              <td className="py-1.5 pr-4">{l.plan ?? '—'}</td>
              <td className="py-1.5 pr-4">{l.category ?? '—'}</td>
              <td className="py-1.5 pr-4 text-xs text-slate-500">{l.recurring ? 'recurring' : 'one-time'}</td>
              <td className="py-1.5 text-right"><Amount value={l.amount} unit={currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
