// Excel-friendly CSV written as a stream: a UTF-8 BOM so Excel reads Chinese, CRLF line ends, RFC 4180
// quoting, and a leading quote on cells a spreadsheet would run as a formula. Rows come page by page from
// an async source, so a million-row export holds one page in memory and the server stays responsive.
import { Readable } from "node:stream";

export type CsvValue = string | number | null;

export function csvCell(value: CsvValue): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function csvStream(header: string[], pages: AsyncIterable<CsvValue[][]>): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine(header)}`;
    for await (const rows of pages) yield rows.map(csvLine).join("");
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Pages of a keyset query: `fetch(after)` returns rows in id order; stops at a short page. */
export async function* keysetPages<T extends { id: number }>(
  fetch: (afterId: number, limit: number) => Promise<T[]>,
  toRow: (row: T) => CsvValue[],
  pageSize = 1000,
): AsyncIterable<CsvValue[][]> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after, pageSize);
    if (rows.length > 0) yield rows.map(toRow);
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.id);
  }
}
