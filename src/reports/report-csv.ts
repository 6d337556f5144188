import { stringify } from 'csv-stringify/sync';
import type { ReportResult } from './report-query.js';
import type { ReportRequest } from './report-request.js';

/**
 * The report as CSV: one column per dimension and metric (TikTok's names), one line per row, and a
 * last line "Total" when totals were asked for. Cells that a spreadsheet would run as a formula
 * (names starting with = + - @) are escaped.
 */
export function reportCsv(req: ReportRequest, result: ReportResult): string {
  const header = [...req.dimensions, ...req.metrics];
  const records = result.rows.map((row) => [
    ...req.dimensions.map((d) => row.dimensions[d] ?? ''),
    ...req.metrics.map((m) => row.metrics[m] ?? ''),
  ]);
  if (result.totals) {
    const totals = result.totals;
    records.push([
      ...req.dimensions.map((_, i) => (i === 0 ? 'Total' : '')),
      ...req.metrics.map((m) => totals[m] ?? ''),
    ]);
  }
  return stringify([header, ...records], { escape_formulas: true, record_delimiter: 'unix' });
}
