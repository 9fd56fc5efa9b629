import { Decimal } from './decimal';
import { EngineError } from './errors';
import { toIso, toMs, type TimeLike } from './time';
import type { FxRate, ProgramConfig, WorkspaceConfig } from './types';
import { resolveUnit, type UnitInfo } from './units';

/** The rate in force: the latest `from` at or before the time. The base currency is always 1. */
export function fxRateAt(workspace: WorkspaceConfig, currency: string, at: TimeLike): Decimal | null {
  if (currency === workspace.baseCurrency) return new Decimal(1);
  const atMs = toMs(at);
  let best: FxRate | null = null;
  let bestFrom = -Infinity;
  for (const rate of workspace.fxRates) {
    if (rate.currency !== currency) continue;
    const from = toMs(rate.from);
    // `>=` so that a later-listed rate with the same start replaces an earlier one.
    if (from <= atMs && from >= bestFrom) {
      best = rate;
      bestFrom = from;
    }
  }
  return best ? new Decimal(best.rate) : null;
}

export function requireFxRate(workspace: WorkspaceConfig, currency: string, at: TimeLike): Decimal {
  const rate = fxRateAt(workspace, currency, at);
  if (!rate) {
    throw new EngineError('fx_rate_missing', `no ${currency} rate in force at ${toIso(at)}`, {
      currency,
    });
  }
  return rate;
}

/** Worth of one unit in the base currency: its FX rate for a currency, its baseValue otherwise. */
export function unitValueInBase(workspace: WorkspaceConfig, unit: UnitInfo, at: TimeLike): Decimal {
  return unit.kind === 'custom' ? unit.baseValue : requireFxRate(workspace, unit.key, at);
}

export function toBaseCurrency(amount: Decimal, currency: string, workspace: WorkspaceConfig, at: TimeLike): Decimal {
  return amount.times(requireFxRate(workspace, currency, at));
}

export function baseToUnit(amountBase: Decimal, unit: UnitInfo, workspace: WorkspaceConfig, at: TimeLike): Decimal {
  return amountBase.div(unitValueInBase(workspace, unit, at));
}

export function unitToBase(amount: Decimal, unit: UnitInfo, workspace: WorkspaceConfig, at: TimeLike): Decimal {
  return amount.times(unitValueInBase(workspace, unit, at));
}

/**
 * An order is refused as a whole (nothing written) when its currency, or the currency unit of any
 * active program, has no rate at the event time — even a program that would not reward it — so
 * the outcome never depends on which programs happen to credit someone.
 */
export function assertOrderRatesAvailable(
  workspace: WorkspaceConfig,
  orderCurrency: string,
  programs: readonly ProgramConfig[],
  at: TimeLike,
): void {
  requireFxRate(workspace, orderCurrency, at);
  for (const program of programs) {
    if (program.active === false) continue;
    const unit = resolveUnit(program.unit, workspace.units);
    if (unit.kind === 'currency') requireFxRate(workspace, unit.key, at);
  }
}
