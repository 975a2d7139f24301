// Runs every graphql-http server audit (MUST, SHOULD and MAY) against the URL given as the
// first argument and prints one JSON line per audit, so the test suite can judge each.
// LINEAGE_KEY, when set, is sent as the bearer API key with every request.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const key = process.env.LINEAGE_KEY;
const fetchFn = key
  ? (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${key}`);
      return fetch(input, { ...init, headers });
    }
  : fetch;

for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null }));
}
