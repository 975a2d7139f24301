import { gql } from './api';
import { errorBox, h } from './dom';

interface Hit {
  kind: 'RUN' | 'ARTIFACT' | 'COLLECTION';
  name: string;
  path: string;
  type: string | null;
}

/** A search field for runs, artifacts and collections by name; picking a hit opens it. */
export function searchBox(open: (start: string) => void): HTMLElement {
  const input = h('input', { type: 'search', name: 'search', placeholder: 'Search runs, artifacts, collections', 'aria-label': 'Search runs, artifacts and collections', autocomplete: 'off' });
  const results = h('ul', { class: 'hits', role: 'listbox' });
  let asked = 0;
  const run = async () => {
    const text = input.value.trim();
    const ticket = ++asked;
    if (!text) {
      results.replaceChildren();
      return;
    }

    try {
      const { search } = await gql<{ search: Hit[] }>('query Search($text: String!) { search(text: $text, first: 20) { kind name path type } }', { text });
      if (ticket !== asked) return;
      results.replaceChildren(
        ...(search.length === 0
          ? [h('li', { class: 'muted' }, 'Nothing found')]
          : search.map((hit) => h('li', { role: 'option' },
              h('a', {
                href: hit.kind === 'COLLECTION' ? `#/collection?path=${encodeURIComponent(hit.path)}` : '#',
                onclick: (e: Event) => {
                  results.replaceChildren();
                  if (hit.kind === 'COLLECTION') return;
                  e.preventDefault();
                  open(hit.kind === 'ARTIFACT' ? `${hit.path}:latest` : hit.path);
                },
              }, h('span', { class: `badge ${hit.kind.toLowerCase()}` }, hit.kind.toLowerCase()), ' ', hit.path, hit.type ? h('span', { class: 'muted' }, ` ${hit.type}`) : null)))),
      );
    } catch (error) {
      if (ticket === asked) results.replaceChildren(h('li', {}, errorBox(error)));
    }
  };

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      void run();
    }
  });
  return h('div', { class: 'search' }, input, results);
}
