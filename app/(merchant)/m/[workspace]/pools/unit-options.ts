// The units a pool can be paid in: the base currency first, common currencies, then the workspace's
// custom units; a pool's current unit is always offered so editing never changes it silently.
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD'];

export function poolUnitOptions(baseCurrency: string, customUnits: { key: string; label: string }[], current?: string) {
  const currencies = [baseCurrency, ...COMMON_CURRENCIES.filter((c) => c !== baseCurrency)];
  const options = [
    ...currencies.map((c) => ({ value: c, label: c })),
    ...customUnits.map((u) => ({ value: u.key, label: `${u.label} (${u.key})` })),
  ];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}
