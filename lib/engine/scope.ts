import type { OrderLine, ProgramScope, ScopeList } from './types';

function listed(list: string[] | undefined, value: string | null | undefined): boolean {
  return value != null && list != null && list.includes(value);
}

function isEmptyList(list: ScopeList | undefined): boolean {
  return !list || ((list.products?.length ?? 0) === 0 && (list.plans?.length ?? 0) === 0 && (list.categories?.length ?? 0) === 0);
}

function matches(list: ScopeList, line: OrderLine): boolean {
  return listed(list.products, line.product) || listed(list.plans, line.plan) || listed(list.categories, line.category);
}

/**
 * A line qualifies when the include lists are all empty or one of them lists its product, plan or
 * category, and no exclude list matches it (exclusions win over inclusions).
 */
export function lineQualifies(scope: ProgramScope | undefined, line: OrderLine): boolean {
  if (!scope) return true;
  if (!isEmptyList(scope.include) && !matches(scope.include!, line)) return false;
  if (scope.exclude && matches(scope.exclude, line)) return false;
  return true;
}

export function qualifyingLines(scope: ProgramScope | undefined, lines: readonly OrderLine[]): OrderLine[] {
  return lines.filter((line) => lineQualifies(scope, line));
}
