/** Offers text (or a blob, such as a picture) to the browser as a file to save. */
export function download(name: string, type: string, content: string | Blob): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const HISTORY_COLUMNS = ['position', 'at', 'actor', 'action', 'target', 'version', 'source', 'alias', 'tag', 'member', 'role', 'visibility', 'requestId', 'hash', 'id'];

/** A cell of CSV: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is escaped so that spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The history export (newline-delimited JSON) as CSV with a header row. */
export function historyCsv(ndjson: string): string {
  const rows = ndjson.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>);
  return [HISTORY_COLUMNS.join(','), ...rows.map((row) => HISTORY_COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}
