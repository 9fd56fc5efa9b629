import { HOUR_MS, toMs } from './time';
import type { ClickRecord } from './types';

export type ClickVerdict = 'counted' | 'bot' | 'duplicate_click';

/**
 * Classifies clicks: bots never count; a click by the same visitor on the same link less than one
 * hour after the last *counted* one is a duplicate (so a burst of reloads is one touch, anchored
 * at its first click). Ties in time keep input (arrival) order.
 */
export function classifyClicks(clicks: readonly ClickRecord[]): Map<string, ClickVerdict> {
  const verdicts = new Map<string, ClickVerdict>();
  const ordered = clicks.map((click, index) => ({ click, index, at: toMs(click.at) }));
  ordered.sort((a, b) => a.at - b.at || a.index - b.index);
  const lastCounted = new Map<string, number>();
  for (const { click, at } of ordered) {
    if (click.bot) {
      verdicts.set(click.id, 'bot');
      continue;
    }
    const key = `${click.visitorId}\u0000${click.linkCode}`;
    const previous = lastCounted.get(key);
    if (previous !== undefined && at - previous < HOUR_MS) {
      verdicts.set(click.id, 'duplicate_click');
      continue;
    }
    lastCounted.set(key, at);
    verdicts.set(click.id, 'counted');
  }
  return verdicts;
}
