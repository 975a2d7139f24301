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
query Lineage {
  viewer { name }
  search(text: "zoo", first: 5) { kind path }
}
`;

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
  root.render(createElement(GraphiQL, { key, fetcher, defaultQuery: initialQuery, defaultEditorToolsVisibility: false }));
}

field.addEventListener('change', () => {
  setApiKey(field.value || null);
  mount(field.value.trim());
});
mount(field.value.trim());
