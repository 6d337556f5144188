import type { AdGroup, Campaign } from '../domain/model.js';
import type { BudgetLine } from './ledger.js';

const INFINITE = Number.POSITIVE_INFINITY;

/** The four budget lines an ad group's spend counts against on a local date (unlimited ones included). */
export function budgetLines(
  g: Pick<AdGroup, 'id' | 'budgetMode' | 'budgetMicros'>,
  c: Pick<Campaign, 'id' | 'budgetMode' | 'budgetMicros'>,
  date: string,
): BudgetLine[] {
  return [
    { key: `g:${g.id}:${date}`, limit: g.budgetMode === 'BUDGET_MODE_DAY' ? g.budgetMicros : INFINITE },
    { key: `g:${g.id}`, limit: g.budgetMode === 'BUDGET_MODE_TOTAL' ? g.budgetMicros : INFINITE },
    {
      key: `c:${c.id}:${date}`,
      limit: c.budgetMode === 'BUDGET_MODE_DAY' && c.budgetMicros !== null ? c.budgetMicros : INFINITE,
    },
    {
      key: `c:${c.id}`,
      limit: c.budgetMode === 'BUDGET_MODE_TOTAL' && c.budgetMicros !== null ? c.budgetMicros : INFINITE,
    },
  ];
}
