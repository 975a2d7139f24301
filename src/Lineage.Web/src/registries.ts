import { gql } from './api';
import { download, historyCsv } from './export';
import { errorBox, facts, h, stamp } from './dom';
import { lineageHref, versionHref } from './links';
import { apiKey } from './session';

interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** #/registries: every registry the caller may see, by owner. */
export async function renderRegistries(root: HTMLElement): Promise<void> {
  root.replaceChildren(h('h1', {}, 'Registries'), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const { namespaces } = await gql<{ namespaces: Connection<{ name: string; registries: Connection<{ path: string; name: string; visibility: string; protectedAliases: string[] }> }> }>(
      `{ namespaces(first: 100) { nodes { name registries(first: 50) { nodes { path name visibility protectedAliases } } } } }`,
    );
    const owners = namespaces.nodes.filter((n) => n.registries.nodes.length > 0);
    root.replaceChildren(
      h('h1', {}, 'Registries'),
      owners.length === 0
        ? h('p', { class: 'muted' }, 'No registry you may see.')
        : h('table', { class: 'table' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Registry'), h('th', {}, 'Visibility'), h('th', {}, 'Protected aliases'))),
            h('tbody', {}, ...owners.flatMap((o) => o.registries.nodes.map((r) => h('tr', {},
              h('td', {}, h('a', { href: `#/registry?path=${encodeURIComponent(r.path)}` }, r.path)),
              h('td', {}, r.visibility.toLowerCase()),
              h('td', {}, r.protectedAliases.join(', ') || '—')))))),
    );
  } catch (error) {
    root.replaceChildren(h('h1', {}, 'Registries'), errorBox(error));
  }
}

/** #/registry?path=acme/models&tab=collections|history: a registry's collections, and its Action History. */
export async function renderRegistry(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const path = params.get('path') ?? '';
  const tab = params.get('tab') === 'history' ? 'history' : 'collections';
  const link = (t: string) => `#/registry?path=${encodeURIComponent(path)}&tab=${t}`;
  const body = h('div', { class: 'tab-body' }, h('p', { class: 'muted' }, 'Loading…'));
  root.replaceChildren(
    h('p', { class: 'crumbs' }, h('a', { href: '#/registries' }, 'Registries'), ' / ', path),
    h('h1', {}, path),
    h('nav', { class: 'tabs', role: 'tablist' },
      h('a', { href: link('collections'), role: 'tab', 'aria-selected': String(tab === 'collections'), class: tab === 'collections' ? 'active' : '' }, 'Collections'),
      h('a', { href: link('history'), role: 'tab', 'aria-selected': String(tab === 'history'), class: tab === 'history' ? 'active' : '' }, 'Action History')),
    body,
  );
  if (tab === 'collections') await renderCollections(body, path);
  else await renderHistory(body, 'registry', path, params);
}

async function renderCollections(body: HTMLElement, path: string): Promise<void> {
  try {
    const { registry } = await gql<{ registry: { path: string; visibility: string; protectedAliases: string[]; viewerRole: string; collections: Connection<{ name: string; path: string; type: string; description: string | null }> } | null }>(
      `query Registry($path: String!) { registry(path: $path) { path visibility protectedAliases viewerRole
         collections(first: 500) { nodes { name path type description } } } }`,
      { path },
    );
    if (!registry) throw new Error(`registry '${path}' not found`);
    body.replaceChildren(
      facts([['Visibility', registry.visibility.toLowerCase()], ['Protected aliases', registry.protectedAliases.join(', ') || '—'], ['Your role', registry.viewerRole]]),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Collection'), h('th', {}, 'Type'), h('th', {}, 'Description'))),
        h('tbody', {}, ...registry.collections.nodes.map((c) => h('tr', {},
          h('td', {}, h('a', { href: `#/collection?path=${encodeURIComponent(c.path)}` }, c.name)),
          h('td', {}, c.type),
          h('td', {}, c.description ?? '—'))))),
    );
  } catch (error) {
    body.replaceChildren(errorBox(error));
  }
}

interface Version {
  version: string;
  qualifiedName: string;
  aliases: string[];
  createdAt: string;
  createdBy: string;
  source: { qualifiedName: string } | null;
}

interface AuditEvent {
  id: string;
  action: string;
  actor: string;
  at: string;
  version: string | null;
  alias: string | null;
  tag: string | null;
  member: string | null;
  role: string | null;
  visibility: string | null;
  source: string | null;
  requestId: string | null;
  target: string;
  position: number;
  hash: string;
  artifact: { qualifiedName: string } | null;
}

type Scope = 'collection' | 'registry';

/** The actions each kind of history records, for its filter. */
const ACTIONS: Record<Scope, string[]> = {
  collection: ['VERSION_LINKED', 'VERSION_UNLINKED', 'ALIAS_ADDED', 'ALIAS_REMOVED', 'TAG_ADDED', 'TAG_REMOVED'],
  registry: ['REGISTRY_CREATED', 'VISIBILITY_CHANGED', 'ALIAS_PROTECTED', 'ALIAS_UNPROTECTED', 'ROLE_GRANTED', 'ROLE_REVOKED'],
};

/** What an event changed, in a few words: the alias, tag, member's role or visibility. */
function detail(e: AuditEvent): string {
  if (e.alias) return `alias ${e.alias}`;
  if (e.tag) return `tag ${e.tag}`;
  if (e.member) return `${e.member}: ${e.role ?? ''}`.trim();
  if (e.visibility) return `visibility ${e.visibility.toLowerCase()}`;
  return '—';
}

/** #/collection?path=…&tab=versions|history: a collection's versions and aliases, and its Action History. */
export async function renderCollection(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const path = params.get('path') ?? '';
  const tab = params.get('tab') === 'history' ? 'history' : 'versions';
  const link = (t: string) => `#/collection?path=${encodeURIComponent(path)}&tab=${t}`;
  const body = h('div', { class: 'tab-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const registry = path.split('/').slice(0, 2).join('/');
  root.replaceChildren(
    h('p', { class: 'crumbs' }, h('a', { href: '#/registries' }, 'Registries'), ' / ', h('a', { href: `#/registry?path=${encodeURIComponent(registry)}` }, registry), ' / ', path.split('/')[2] ?? ''),
    h('h1', {}, path),
    h('nav', { class: 'tabs', role: 'tablist' },
      h('a', { href: link('versions'), role: 'tab', 'aria-selected': String(tab === 'versions'), class: tab === 'versions' ? 'active' : '' }, 'Versions'),
      h('a', { href: link('history'), role: 'tab', 'aria-selected': String(tab === 'history'), class: tab === 'history' ? 'active' : '' }, 'Action History')),
    body,
  );
  if (tab === 'versions') await renderVersions(body, path);
  else await renderHistory(body, 'collection', path, params);
}

async function renderVersions(body: HTMLElement, path: string): Promise<void> {
  try {
    const { collection } = await gql<{ collection: { type: string; description: string | null; versions: Connection<Version> } }>(
      `query Versions($path: String!) { collection(path: $path) { type description
         versions(first: 500) { nodes { version qualifiedName aliases createdAt createdBy source { qualifiedName } } } } }`,
      { path },
    );
    body.replaceChildren(
      facts([['Type', collection.type], ['Description', collection.description]]),
      h('table', { class: 'table versions' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Aliases'), h('th', {}, 'Source'), h('th', {}, 'Linked'), h('th', {}, 'By'))),
        h('tbody', {}, ...collection.versions.nodes.map((v) => h('tr', {},
          h('td', {}, h('a', { href: versionHref(v.qualifiedName) }, v.version), ' ', h('a', { href: lineageHref(v.qualifiedName), class: 'quiet', 'aria-label': `lineage of ${v.version}` }, 'lineage')),
          h('td', {}, ...v.aliases.map((a) => h('span', { class: 'alias' }, a))),
          h('td', {}, v.source ? h('a', { href: versionHref(v.source.qualifiedName) }, v.source.qualifiedName) : 'hidden from you'),
          h('td', {}, stamp(v.createdAt)),
          h('td', {}, v.createdBy))))),
    );
  } catch (error) {
    body.replaceChildren(errorBox(error));
  }
}

/** A collection's or a registry's Action History: who did what and when, 25 at a time, filtered and verifiable. */
async function renderHistory(body: HTMLElement, scope: Scope, path: string, params: URLSearchParams): Promise<void> {
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const form = h('form', { class: 'controls', onsubmit: (e: Event) => {
    e.preventDefault();
    const next = new URLSearchParams({ path, tab: 'history' });
    const data = new FormData(form);
    if (data.get('action')) next.set('action', String(data.get('action')));
    if (data.get('actor')) next.set('actor', String(data.get('actor')).trim());
    location.hash = `#/${scope}?${next}`;
  } },
    h('label', {}, 'Action ', h('select', { name: 'action', 'aria-label': 'Action' }, h('option', { value: '' }, 'any'), ...ACTIONS[scope].map((a) => h('option', { value: a, selected: a === action }, a)))),
    h('label', {}, 'Actor ', h('input', { name: 'actor', value: actor, placeholder: 'anyone' })),
    h('button', { type: 'submit' }, 'Filter'));
  const rows = h('tbody', {});
  const count = h('p', { class: 'muted count' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const verify = h('div', { class: 'verify' }, h('button', { type: 'button', onclick: () => void verifyHistory(verify, path) }, 'Verify the history'));
  const exportAs = async (format: 'ndjson' | 'csv', button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const query = new URLSearchParams({ path });
      if (action) query.set('actions', action);
      if (actor) query.set('actor', actor);
      const response = await fetch(`/history?${query}`, { headers: { authorization: `Bearer ${apiKey() ?? ''}` } });
      const text = await response.text();
      if (!response.ok) throw new Error(text.trim() || `the server answered ${response.status}`);
      const name = `${path.replaceAll('/', '_')}-history`;
      if (format === 'ndjson') download(`${name}.ndjson`, 'application/x-ndjson', text);
      else download(`${name}.csv`, 'text/csv', historyCsv(text));
    } catch (error) {
      exports.append(errorBox(error));
    } finally {
      button.disabled = false;
    }
  };
  const ndjson: HTMLButtonElement = h('button', { type: 'button', onclick: () => void exportAs('ndjson', ndjson) }, 'Export NDJSON');
  const csv: HTMLButtonElement = h('button', { type: 'button', onclick: () => void exportAs('csv', csv) }, 'Export CSV');
  const exports = h('div', { class: 'exports' }, ndjson, ' ', csv, h('span', { class: 'muted' }, ' every event the filter keeps, oldest first'));
  body.replaceChildren(form, count,
    h('table', { class: 'table history' },
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'What'), h('th', {}, 'Version'), h('th', {}, 'Detail'), h('th', {}, 'Source'), h('th', {}, 'Hash'))),
      rows),
    more, exports, verify);

  let after: string | null = null;
  const load = async () => {
    more.disabled = true;
    try {
      const answer = await gql<Record<Scope, { history: Connection<AuditEvent> }>>(
        `query History($path: String!, $after: String, $actions: [AuditAction!], $actor: String) {
           ${scope}(path: $path) { history(first: 25, after: $after, actions: $actions, actor: $actor) {
             totalCount nodes { id action actor at target position version alias tag member role visibility source requestId hash artifact { qualifiedName } } pageInfo { hasNextPage endCursor } } } }`,
        { path, after, actions: action ? [action] : null, actor: actor || null },
      );
      const page = answer[scope].history;
      rows.append(...page.nodes.map((e) => h('tr', { 'data-event': e.id },
        h('td', {}, stamp(e.at)),
        h('td', {}, e.actor),
        h('td', {}, h('span', { class: `action ${e.action.toLowerCase()}` }, e.action)),
        h('td', {}, e.artifact ? h('a', { href: versionHref(e.artifact.qualifiedName) }, e.version) : e.version ? h('span', { title: 'no longer linked' }, e.version) : '—'),
        h('td', {}, detail(e)),
        h('td', {}, e.source ? h('a', { href: versionHref(e.source) }, e.source) : (scope === 'collection' && e.version ? 'hidden from you' : '—')),
        h('td', {}, h('code', { class: 'hash', title: e.hash }, e.hash.slice(0, 12))))));
      count.textContent = `${page.totalCount} event${page.totalCount === 1 ? '' : 's'}, newest first`;
      after = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
    } catch (error) {
      body.append(errorBox(error));
    } finally {
      more.disabled = false;
    }
  };
  more.onclick = () => void load();
  await load();
}

async function verifyHistory(box: HTMLElement, path: string): Promise<void> {
  const result = h('div', { class: 'result' }, 'Checking…');
  box.querySelector('.result')?.remove();
  box.append(result);
  try {
    const { verifyAuditHistory: v } = await gql<{ verifyAuditHistory: { ok: boolean; eventsChecked: number; firstBrokenEventId: string | null; problem: string | null; headHash: string | null } }>(
      'query Verify($path: String!) { verifyAuditHistory(path: $path) { ok eventsChecked firstBrokenEventId problem headHash } }',
      { path },
    );
    result.replaceChildren(
      h('p', { class: v.ok ? 'ok' : 'error', role: 'status' }, v.ok ? `Unedited: ${v.eventsChecked} events checked.` : `Broken: ${v.problem ?? 'the chain does not verify'}`),
      facts([['Events checked', v.eventsChecked], ['First broken event', v.firstBrokenEventId], ['Head hash', v.headHash ? h('code', {}, v.headHash) : null]]),
    );
  } catch (error) {
    result.replaceChildren(errorBox(error));
  }
}
