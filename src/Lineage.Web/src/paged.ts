import { errorBox, h } from './dom';

/** One page of a Relay connection. */
export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PagedTable<T> {
  columns: string[];
  /** Fetches the page after a cursor (null for the first). */
  fetch: (after: string | null) => Promise<Page<T>>;
  row: (item: T) => HTMLTableRowElement;
  /** The thing counted, singular and plural: ['run', 'runs']. */
  noun: [string, string];
  empty: string;
  label: string;
}

/**
 * A table filled a page at a time: how many there are in all, the rows loaded so far, and a
 * "Load more" button while there are more. The element is returned at once; the first page
 * arrives into it.
 */
export function pagedTable<T>(table: PagedTable<T>): { element: HTMLElement; loaded: Promise<void> } {
  const count = h('p', { class: 'muted count', role: 'status' }, 'Loading…');
  const rows = h('tbody', {});
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const problem = h('div', {});
  const element = h('div', { class: 'paged' },
    count,
    h('table', { class: 'table', 'aria-label': table.label },
      h('thead', {}, h('tr', {}, ...table.columns.map((c) => h('th', { scope: 'col' }, c)))),
      rows),
    more, problem);
  let after: string | null = null;
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await table.fetch(after);
      rows.append(...page.nodes.map(table.row));
      shown += page.nodes.length;
      after = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      const [one, many] = table.noun;
      count.textContent = page.totalCount === 0
        ? table.empty
        : `${page.totalCount} ${page.totalCount === 1 ? one : many}${shown < page.totalCount ? `, ${shown} shown` : ''}`;
      problem.replaceChildren();
    } catch (error) {
      problem.replaceChildren(errorBox(error));
      if (shown === 0) count.textContent = '';
    } finally {
      more.disabled = false;
    }
  };
  more.onclick = () => void load();
  return { element, loaded: load() };
}

/** A table cell. */
export const cell = (...children: (Node | string | number | null | undefined)[]) => h('td', {}, ...children);
