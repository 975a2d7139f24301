import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './style.css';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { apiKey, setApiKey } from './session';

// GraphiQL with the schema docs. The key field above it sets the Authorization header of every
// request and shares the explorer's session key; changing it mounts GraphiQL afresh, so that the
// schema is fetched again with the new key.
const field = document.getElementById('api-key') as HTMLInputElement;
const root = createRoot(document.getElementById('graphiql')!);
field.value = apiKey() ?? '';

const initialQuery = `# Lineage GraphQL playground. Set your API key above, then run this with Ctrl-Enter.
# The other tabs hold the README's examples.
query Viewer {
  viewer { name }
  search(text: "zoo", first: 5) { kind path }
}
`;

/** The README's examples, a tab each; GraphiQL names each tab after its operation. */
const exampleTabs = [
  `# Which run made the model
query LoggedBy {
  artifact(name: "acme/zoo/zoo-ylbchv20:v0") { qualifiedName aliases loggedBy { path jobType config } }
}
`,
  `# Which runs consumed the training data
query UsedBy {
  artifact(name: "acme/zoo/split_zoo_dataset:v4") { usedBy(first: 10) { totalCount nodes { path jobType } } }
}
`,
  `# What a run read and wrote
query RunInputsAndOutputs {
  run(path: "acme/zoo/rural-feather-20") {
    usedArtifacts { nodes { qualifiedName } }
    loggedArtifacts { nodes { qualifiedName type } }
  }
}
`,
  `# Three hops of lineage, upstream of the model
query ThreeHops {
  lineage(start: "acme/zoo/zoo-ylbchv20:v0", direction: UPSTREAM, depth: 3) {
    truncated nodes { id kind name hops } edges { from to kind }
  }
}
`,
  `# Who did what to a collection, newest first
query CollectionHistory {
  collection(path: "acme/models/zoo-classifier") {
    history { totalCount nodes { action version alias actor at } }
  }
}
`,
  `# Is the history unedited?
query VerifyHistory {
  verifyAuditHistory(path: "acme/models/zoo-classifier") { ok eventsChecked firstBrokenEventId headHash }
}
`,
];

/**
 * GraphiQL's dark editor theme draws comments in a green that reaches only 4.3:1 against its
 * background. The dark theme here is made as GraphiQL's is (on vs-dark, with its colour for
 * arguments, a clear background and its focus colour), with comments lighter (6.6:1); the light
 * one is GraphiQL's own. It is defined before GraphiQL makes its editors, in the editor module
 * GraphiQL loads itself.
 */
const editorTheme = { dark: 'lineage-dark', light: 'graphiql-LIGHT' };
const editorReady = import('monaco-graphql/esm/monaco-editor.js').then((monaco) => {
  monaco.editor.defineTheme(editorTheme.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '#8fbc74' },
      { token: 'argument.identifier.gql', foreground: '#908aff' },
    ],
    colors: { 'editor.background': '#ffffff00', 'scrollbar.shadow': '#ffffff00', focusBorder: '#ff5794' },
  });
});

function mount(key: string): void {
  const fetcher = async (params: unknown, options?: { headers?: Record<string, unknown> }) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(options?.headers as Record<string, string> | undefined),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(params),
    });
    return response.json();
  };
  root.render(createElement(GraphiQL, {
    key,
    fetcher,
    defaultQuery: initialQuery,
    defaultTabs: [initialQuery, ...exampleTabs].map((query) => ({ query })),
    defaultEditorToolsVisibility: false,
    editorTheme,
  }));
}

/**
 * GraphiQL marks each tab's list item as the tab, around the tab's own buttons: a tab holding
 * controls. The item is made presentational and its button the tab, selected as the item is,
 * as GraphiQL renders and re-renders them.
 */
function tabsAsButtons(container: HTMLElement): void {
  const set = (element: Element, name: string, value: string | null) => {
    if (element.getAttribute(name) === value) return;
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  };
  const fix = () => {
    for (const item of container.querySelectorAll('li.graphiql-tab')) {
      const button = item.querySelector('.graphiql-tab-button');
      if (!button) continue;
      set(item, 'role', 'presentation');
      set(item, 'aria-selected', null);
      set(button, 'role', 'tab');
      set(button, 'aria-selected', String(item.classList.contains('graphiql-tab-active')));
      // A tab list holds tabs only: the close button is kept out of the accessibility tree and
      // the tab order, and the Delete key closes the focused tab instead.
      const close = item.querySelector('.graphiql-tab-close');
      set(button, 'aria-keyshortcuts', close ? 'Delete' : null);
      if (close) {
        set(close, 'aria-hidden', 'true');
        set(close, 'tabindex', '-1');
      }
    }
  };
  container.addEventListener('keydown', (event) => {
    if (event.key !== 'Delete' || !(event.target instanceof Element)) return;
    const close = event.target.closest('.graphiql-tab-button')?.parentElement?.querySelector<HTMLElement>('.graphiql-tab-close');
    if (!close) return;
    event.preventDefault();
    close.click();
    // The closed tab took the focus with it: it goes to the tab now open.
    requestAnimationFrame(() => container.querySelector<HTMLElement>('.graphiql-tab-active .graphiql-tab-button')?.focus());
  });
  new MutationObserver(fix).observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected', 'aria-hidden', 'aria-keyshortcuts', 'tabindex', 'class'] });
  fix();
}

tabsAsButtons(document.getElementById('graphiql')!);

field.addEventListener('change', () => {
  setApiKey(field.value || null);
  mount(field.value.trim());
});
void editorReady.catch(() => undefined).then(() => mount(field.value.trim()));
