import { Decimal } from './decimal';
import { EngineError } from './errors';
import { sumRatios, type Ratio } from './ratio';

/**
 * Splits an already-rounded total over weights with the largest-remainder method, exactly:
 * every part is floored to the unit's precision, then the leftover minor units go one each to
 * the largest remainders. Equal remainders go to the earlier index, so callers order weights by
 * their tie-break (first touch for rewards; larger metric, then earlier enrollment for pools).
 * The parts always add up to the total.
 */
export function splitByLargestRemainder(total: Decimal, precision: number, weights: readonly Ratio[]): Decimal[] {
  if (weights.length === 0) return [];
  const weightSum = sumRatios(weights);
  if (weightSum.n === 0n) throw new EngineError('invalid_input', 'cannot split over zero weights');
  const scale = new Decimal(10).pow(precision);
  const scaled = total.times(scale);
  if (!scaled.isInteger()) throw new EngineError('invalid_input', `total ${total.toFixed()} is not rounded to ${precision} places`);
  const negative = scaled.isNegative();
  const minorUnits = BigInt(scaled.abs().toFixed(0));

  // part_i = minorUnits × w_i / W = num_i / den_i, with W = weightSum.
  const shares = weights.map((w, index) => {
    const num = minorUnits * w.n * weightSum.d;
    const den = w.d * weightSum.n;
    const floor = num / den;
    return { index, floor, remNum: num - floor * den, den };
  });
  let leftover = minorUnits - shares.reduce((acc, s) => acc + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => {
    const l = a.remNum * b.den;
    const r = b.remNum * a.den;
    if (l !== r) return l > r ? -1 : 1;
    return a.index - b.index;
  });
  const parts = shares.map((s) => s.floor);
  for (const s of byRemainder) {
    if (leftover <= 0n) break;
    parts[s.index] += 1n;
    leftover -= 1n;
  }
  return parts.map((p) => {
    const value = new Decimal(p.toString()).div(scale);
    return negative ? value.negated() : value;
  });
}
