import type { ClickMessage } from './click-record';
import { count } from './health';

/** The Node route that stores clicks straight into Postgres when Redis refused them. */
export const CLICK_RELAY_PATH = '/api/tracking/clicks';

/**
 * A click Redis did not accept (down, or too slow to answer) is handed to the app's own Node route
 * so it is not lost to an outage. Harmless if Redis did take it after all: the click id is the
 * primary key, and the flush inserts with ON CONFLICT DO NOTHING.
 */
export async function relayClick(click: ClickMessage, origin: string): Promise<void> {
  const secret = process.env.JOB_SECRET;
  if (!secret) {
    count('clicksLost');
    console.error(`[tracking] click ${click.id} lost: Redis refused it and JOB_SECRET is unset, so it cannot be relayed`);
    return;
  }
  try {
    const res = await fetch(new URL(CLICK_RELAY_PATH, origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-job-secret': secret },
      body: JSON.stringify({ clicks: [click] }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`relay answered ${res.status}`);
    count('clicksRelayed');
  } catch (error) {
    count('clicksLost');
    console.error(`[tracking] click ${click.id} lost: Redis refused it and the relay to Postgres failed`, error);
  }
}
