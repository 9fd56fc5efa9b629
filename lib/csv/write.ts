import Papa from 'papaparse';
import { neutraliseFormula, Trusted, type CsvCell } from './cells';

// RFC 4180 text through papaparse's writer (quoting and quote doubling), CRLF after every record,
// one chunk per page of rows so a download never holds more than a page in memory.

export type CsvRow = readonly CsvCell[];

export const CRLF = '\r\n';

function plain(cell: CsvCell): string {
  if (cell instanceof Trusted) return cell.text;
  if (cell === null || cell === undefined) return '';
  return neutraliseFormula(cell);
}

/**
 * Records as CSV text, each ending in CRLF. Papaparse quotes a cell holding a comma, quote, line
 * break or edge space; a neutralised cell (leading single quote) is quoted as well, as OWASP advises.
 */
export function csvRecords(rows: readonly CsvRow[]): string {
  if (rows.length === 0) return '';
  const data = rows.map((row) => row.map(plain));
  const text = Papa.unparse(data, {
    newline: CRLF,
    header: false,
    escapeFormulae: false,
    quotes: (value: unknown) => typeof value === 'string' && value.startsWith("'"),
  });
  return text + CRLF;
}

/**
 * The CSV of a header row (none for files whose layout has none) and pages of rows, as text chunks:
 * one per page. The pages are pulled one at a time, so a slow reader slows the queries down.
 */
export async function* csvChunks(header: readonly string[] | null, pages: AsyncIterable<readonly CsvRow[]>): AsyncGenerator<string> {
  if (header) yield csvRecords([header]);
  for await (const page of pages) {
    const text = csvRecords(page);
    if (text) yield text;
  }
}
