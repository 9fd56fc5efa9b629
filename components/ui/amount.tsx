import { formatAmount, type UnitPrecision } from '@/lib/format';

/**
 * An amount in a table cell or a tile: formatted per unit (precision, thousands separators), never
 * wrapped mid-number, the unit muted after it. Pass the workspace's custom `units` when known.
 */
export function Amount({
  value,
  unit,
  units,
  showUnit = true,
  className = '',
  testId,
}: {
  value: string;
  unit: string;
  units?: readonly UnitPrecision[];
  showUnit?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <span className={`whitespace-nowrap tabular-nums ${className}`} data-testid={testId}>
      {formatAmount(value, unit, { units, withUnit: false })}
      {showUnit ? <span className="text-xs text-slate-500"> {unit}</span> : null}
    </span>
  );
}
