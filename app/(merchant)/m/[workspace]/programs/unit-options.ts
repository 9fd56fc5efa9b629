import type { WorkspaceConfig } from '@/lib/engine';

/**
 * The units a program may be paid in: the base currency, currencies with an FX rate in force now
 * (the service refuses others: orders could not be valued) and the workspace's custom units.
 */
export function programUnitOptions(config: WorkspaceConfig, now = new Date()): { value: string; label: string }[] {
  const rated = new Set(config.fxRates.filter((r) => new Date(r.from).getTime() <= now.getTime()).map((r) => r.currency));
  rated.delete(config.baseCurrency);
  return [
    { value: config.baseCurrency, label: `${config.baseCurrency} (base currency)` },
    ...[...rated].sort().map((c) => ({ value: c, label: c })),
    ...config.units.map((u) => ({ value: u.key, label: `${u.label} (${u.key})` })),
  ];
}
