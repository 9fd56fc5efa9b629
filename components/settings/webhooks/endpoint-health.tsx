import { formatDateTime } from '@/lib/time';

/**
 * How the endpoint is doing, in words: failures in a row against the limit, or since when it is
 * disabled and what happened to its deliveries (kept, waiting).
 */
export function EndpointHealth({
  consecutiveFailures, disabledAt, queued, disableAfter, warnAfter, timeZone,
}: { consecutiveFailures: number; disabledAt: Date | null; queued: number; disableAfter: number; warnAfter: readonly number[]; timeZone: string }) {
  if (disabledAt) {
    return (
      <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="endpoint-disabled">
        <p className="font-medium">Disabled {formatDateTime(disabledAt, timeZone)} after {disableAfter} failed attempts in a row.</p>
        <p className="mt-1">
          Nothing is sent to it until it is re-enabled. {queued === 1 ? '1 delivery is' : `${queued} deliveries are`} kept in the queue, none is lost:
          they go out once you re-enable it. Fix the endpoint, check it with “Send test”, then re-enable.
        </p>
      </div>
    );
  }
  if (consecutiveFailures === 0) return null;
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="endpoint-failing">
      The last {consecutiveFailures === 1 ? 'attempt' : `${consecutiveFailures} attempts`} failed. After {disableAfter} failures in a row the endpoint
      is disabled and the owners are emailed (they are warned at {warnAfter.join(', ')}).
    </p>
  );
}
