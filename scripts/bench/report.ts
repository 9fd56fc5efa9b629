/** Plain-text output of the benchmarks: aligned tables, figures with units, ratios. */

export const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** Events per second. */
export function perSecond(events: number, ms: number): number {
  return ms > 0 ? (events * 1000) / ms : Infinity;
}

export function rate(eventsPerSecond: number): string {
  if (!Number.isFinite(eventsPerSecond)) return '∞ /s';
  return eventsPerSecond >= 100 ? `${int(eventsPerSecond)} /s` : `${eventsPerSecond.toFixed(1)} /s`;
}

export function duration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Time per event, in µs below a millisecond, else ms. */
export function perEvent(events: number, ms: number): string {
  const us = (ms * 1000) / Math.max(events, 1);
  return us < 1000 ? `${us.toFixed(2)} µs` : `${(us / 1000).toFixed(2)} ms`;
}

export function ratio(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

export function heading(title: string): void {
  console.log(`\n${title}\n${'─'.repeat(Math.min(title.length, 100))}`);
}

export function note(text: string): void {
  console.log(`  ${text}`);
}

/** Right-aligns every column but the first. */
export function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  console.log(line(headers));
  console.log('  ' + widths.map((w) => '─'.repeat(w)).join('   '));
  for (const r of rows) console.log(line(r));
}
