import { Badge } from '../ui/card';

export interface AffectedLink {
  id: string;
  code: string;
  destinationUrl: string;
  disabled: boolean;
  partnerName: string;
  programName: string;
}

const SHOWN = 200;
const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 align-top';

/**
 * Settings → Tracking: the links whose destination is outside the allowed hosts. They show the
 * "link not available" page instead of redirecting, and start redirecting again if their host is
 * allowed again; a partner can also create a new link to an allowed address.
 */
export function AffectedLinks({ links }: { links: AffectedLink[] }) {
  if (links.length === 0) return <p className="text-sm text-slate-500">Every tracked link points to an allowed host.</p>;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-600">
        {links.length === 1 ? '1 link points' : `${links.length.toLocaleString('en-US')} links point`} outside the allowed hosts. Visitors see
        a “link not available” page and no click is recorded, until the host is allowed again or the partner creates a new link.
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Links outside the allowed hosts">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className={th}>Partner</th>
              <th className={th}>Program</th>
              <th className={th}>Link</th>
              <th className={th}>Destination</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {links.slice(0, SHOWN).map((l) => (
              <tr key={l.id}>
                <td className={td}>{l.partnerName}</td>
                <td className={td}>{l.programName}</td>
                <td className={td}>
                  <code className="text-xs">/r/{l.code}</code> {l.disabled ? <Badge tone="slate">disabled</Badge> : null}
                </td>
                <td className={`${td} max-w-xs break-all text-xs text-slate-600`}>{l.destinationUrl}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {links.length > SHOWN ? <p className="text-xs text-slate-500">Showing the first {SHOWN} of {links.length.toLocaleString('en-US')}.</p> : null}
    </div>
  );
}
