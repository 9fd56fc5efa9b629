import Link from 'next/link';
import { formatNumber } from '@/lib/format';

/**
 * A row of filters as links ("All", "Processing", "Needs payout details"…): each keeps the page's
 * other query parameters and starts again at page one, so filters live in the URL like paging.
 */
export function FilterLinks({ basePath, params, name, current, options, label }: {
  basePath: string;
  params: Record<string, string | undefined>;
  name: string;
  current?: string;
  options: { value: string; label: string; count?: number }[];
  label: string;
}) {
  const href = (value: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== name) q.set(k, v);
    if (value) q.set(name, value);
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2">
      {options.map((o) => {
        const active = (current ?? '') === o.value;
        return (
          <Link
            key={o.value || 'all'}
            href={href(o.value)}
            aria-current={active ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ${active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
          >
            {o.label}{o.count !== undefined ? ` (${formatNumber(o.count)})` : ''}
          </Link>
        );
      })}
    </nav>
  );
}
