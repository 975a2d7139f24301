import { gql } from './api';
import { duration, facts, h, stamp } from './dom';
import { artifactHref, lineageHref, namespaceHref, projectHref, registryHref, runHref } from './links';
import { cell, pagedTable, type Page } from './paged';

const PAGE = 50;

/** #/browse: the namespaces the caller holds a role in (every one, for an administrator). */
export async function renderNamespaces(root: HTMLElement): Promise<void> {
  const table = pagedTable<{ name: string; kind: string; viewerRole: string; createdAt: string }>({
    label: 'Namespaces',
    columns: ['Namespace', 'Kind', 'Your role', 'Created'],
    noun: ['namespace', 'namespaces'],
    empty: 'You hold a role in no namespace yet.',
    fetch: async (after) => (await gql<{ namespaces: Page<{ name: string; kind: string; viewerRole: string; createdAt: string }> }>(
      `query Namespaces($after: String) { namespaces(first: ${PAGE}, after: $after) {
         totalCount nodes { name kind viewerRole createdAt } pageInfo { hasNextPage endCursor } } }`, { after })).namespaces,
    row: (n) => h('tr', {}, cell(h('a', { href: namespaceHref(n.name) }, n.name)), cell(n.kind.toLowerCase().replace('_', ' ')), cell(n.viewerRole), cell(stamp(n.createdAt))),
  });
  root.replaceChildren(h('h1', {}, 'Browse'), table.element);
  await table.loaded;
}

/** #/namespace?name=acme: a namespace's projects, and its registries. */
export async function renderNamespace(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const name = params.get('name') ?? '';
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/browse' }, 'Browse'), ' / ', name);
  root.replaceChildren(crumbs, h('h1', {}, name), h('p', { class: 'muted' }, 'Loading…'));
  const { namespace } = await gql<{ namespace: { name: string; kind: string; organization: string | null; viewerRole: string; createdAt: string; createdBy: string; registries: Page<{ path: string; visibility: string }> } | null }>(
    `query Namespace($name: String!) { namespace(name: $name) { name kind organization viewerRole createdAt createdBy
       registries(first: 100) { totalCount nodes { path visibility } pageInfo { hasNextPage endCursor } } } }`, { name });
  if (!namespace) throw new Error(`namespace '${name}' not found, or you hold no role in it`);
  const projects = pagedTable<{ path: string; name: string; createdAt: string; createdBy: string }>({
    label: 'Projects',
    columns: ['Project', 'Created', 'By'],
    noun: ['project', 'projects'],
    empty: 'No project yet: a project is made by the first run recorded in it.',
    fetch: async (after) => (await gql<{ namespace: { projects: Page<{ path: string; name: string; createdAt: string; createdBy: string }> } }>(
      `query Projects($name: String!, $after: String) { namespace(name: $name) { projects(first: ${PAGE}, after: $after, orderBy: { field: NAME }) {
         totalCount nodes { path name createdAt createdBy } pageInfo { hasNextPage endCursor } } } }`, { name, after })).namespace.projects,
    row: (p) => h('tr', {}, cell(h('a', { href: projectHref(p.path) }, p.name)), cell(stamp(p.createdAt)), cell(p.createdBy)),
  });
  root.replaceChildren(
    crumbs,
    h('h1', {}, namespace.name),
    facts([
      ['Kind', namespace.kind.toLowerCase().replace('_', ' ')],
      ['Organization', namespace.organization ? h('a', { href: namespaceHref(namespace.organization) }, namespace.organization) : null],
      ['Your role', namespace.viewerRole],
      ['Created', stamp(namespace.createdAt)],
      ['Created by', namespace.createdBy],
      ['Registries', namespace.registries.nodes.length
        ? h('span', {}, ...namespace.registries.nodes.flatMap((r, i) => [i ? ', ' : '', h('a', { href: registryHref(r.path) }, r.path)]))
        : null],
    ]),
    h('h2', {}, 'Projects'),
    projects.element,
  );
  await projects.loaded;
}

interface RunRow { name: string; path: string; jobType: string | null; state: string; createdAt: string; endedAt: string | null; createdBy: string }
interface ArtifactRow { name: string; path: string; type: string; createdAt: string; versions: { totalCount: number } }
interface Tally { value: string | null; count: number }

const RUN_ORDERS = ['CREATED_AT', 'NAME', 'JOB_TYPE', 'STATE'];
const ARTIFACT_ORDERS = ['CREATED_AT', 'NAME', 'TYPE'];

/** #/project?path=acme/zoo&tab=runs|artifacts&q=…&job=…&state=…&type=…&order=…&dir=…: a project's runs or artifacts, filtered, ordered and paged. */
export async function renderProject(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const path = params.get('path') ?? '';
  const tab = params.get('tab') === 'artifacts' ? 'artifacts' : 'runs';
  const namespace = path.split('/')[0] ?? '';
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/browse' }, 'Browse'), ' / ', h('a', { href: namespaceHref(namespace) }, namespace), ' / ', path.split('/')[1] ?? '');
  root.replaceChildren(crumbs, h('h1', {}, path), h('p', { class: 'muted' }, 'Loading…'));
  const { project } = await gql<{ project: { path: string; createdAt: string; createdBy: string; jobTypes: Tally[]; runStates: Tally[]; artifactTypes: Tally[]; runs: { totalCount: number }; artifacts: { totalCount: number } } | null }>(
    `query Project($path: String!) { project(path: $path) { path createdAt createdBy
       jobTypes { value count } runStates { value count } artifactTypes { value count }
       runs(first: 0) { totalCount } artifacts(first: 0) { totalCount } } }`, { path });
  if (!project) throw new Error(`project '${path}' not found`);

  const text = params.get('q') ?? '';
  const order = params.get('order') ?? 'CREATED_AT';
  const direction = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const choice = (name: string, label: string, tallies: Tally[], any: string) =>
    h('label', {}, `${label} `, h('select', { name, 'aria-label': label },
      h('option', { value: '' }, any),
      ...tallies.filter((t) => t.value !== null).map((t) => h('option', { value: t.value!, selected: params.get(name) === t.value }, `${t.value} (${t.count})`))));
  const orders = tab === 'runs' ? RUN_ORDERS : ARTIFACT_ORDERS;
  const form = h('form', { class: 'controls', role: 'search', onsubmit: (e: Event) => {
    e.preventDefault();
    const next = new URLSearchParams({ path, tab });
    for (const [key, value] of new FormData(form)) if (String(value).trim()) next.set(key, String(value).trim());
    location.hash = `#/project?${next}`;
  } },
    h('input', { name: 'q', type: 'search', value: text, placeholder: 'name contains', 'aria-label': 'Name contains' }),
    tab === 'runs' ? choice('job', 'Job type', project.jobTypes, 'any') : choice('type', 'Type', project.artifactTypes, 'any'),
    tab === 'runs' ? choice('state', 'State', project.runStates, 'any') : null,
    h('label', {}, 'Order by ', h('select', { name: 'order', 'aria-label': 'Order by' }, ...orders.map((o) => h('option', { value: o, selected: o === order }, o.toLowerCase().replace('_', ' '))))),
    h('label', {}, 'Direction ', h('select', { name: 'dir', 'aria-label': 'Direction' }, h('option', { value: 'ASC', selected: direction === 'ASC' }, 'ascending'), h('option', { value: 'DESC', selected: direction === 'DESC' }, 'descending'))),
    h('button', { type: 'submit' }, 'Apply'));

  const nameContains = text || null;
  const table = tab === 'runs'
    ? pagedTable<RunRow>({
        label: 'Runs',
        columns: ['Run', 'Job type', 'State', 'Created', 'Duration', 'By', 'Lineage'],
        noun: ['run', 'runs'],
        empty: 'No run matches.',
        fetch: async (after) => (await gql<{ project: { runs: Page<RunRow> } }>(
          `query Runs($path: String!, $after: String, $filter: RunFilter, $order: RunOrder) { project(path: $path) {
             runs(first: ${PAGE}, after: $after, filter: $filter, orderBy: $order) {
               totalCount nodes { name path jobType state createdAt endedAt createdBy } pageInfo { hasNextPage endCursor } } } }`,
          { path, after, order: { field: order, direction }, filter: { nameContains, jobTypes: params.get('job') ? [params.get('job')] : null, states: params.get('state') ? [params.get('state')] : null } })).project.runs,
        row: (r) => h('tr', {}, cell(h('a', { href: runHref(r.path) }, r.name)), cell(r.jobType ?? '—'), cell(h('span', { class: `state ${r.state.toLowerCase()}` }, r.state)), cell(stamp(r.createdAt)), cell(r.endedAt ? duration(r.createdAt, r.endedAt) : r.state === 'RUNNING' ? 'running' : '—'), cell(r.createdBy), cell(h('a', { href: lineageHref(r.path), class: 'quiet' }, 'lineage'))),
      })
    : pagedTable<ArtifactRow>({
        label: 'Artifacts',
        columns: ['Artifact', 'Type', 'Versions', 'First logged', 'Lineage'],
        noun: ['artifact', 'artifacts'],
        empty: 'No artifact matches.',
        fetch: async (after) => (await gql<{ project: { artifacts: Page<ArtifactRow> } }>(
          `query Artifacts($path: String!, $after: String, $filter: ArtifactFilter, $order: ArtifactOrder) { project(path: $path) {
             artifacts(first: ${PAGE}, after: $after, filter: $filter, orderBy: $order) {
               totalCount nodes { name path type createdAt versions(first: 0) { totalCount } } pageInfo { hasNextPage endCursor } } } }`,
          { path, after, order: { field: order, direction }, filter: { nameContains, types: params.get('type') ? [params.get('type')] : null } })).project.artifacts,
        row: (a) => h('tr', {}, cell(h('a', { href: artifactHref(a.path) }, a.name)), cell(h('span', { class: 'type-chip', 'data-type': a.type }, a.type)), cell(a.versions.totalCount), cell(stamp(a.createdAt)), cell(h('a', { href: lineageHref(a.path), class: 'quiet' }, 'lineage'))),
      });
  const tabLink = (t: 'runs' | 'artifacts', label: string) =>
    h('a', { href: projectHref(path, t), role: 'tab', 'aria-selected': String(tab === t), class: tab === t ? 'active' : '' }, label);
  root.replaceChildren(
    crumbs,
    h('h1', {}, project.path),
    facts([['Created', stamp(project.createdAt)], ['Created by', project.createdBy]]),
    h('nav', { class: 'tabs', role: 'tablist' }, tabLink('runs', `Runs (${project.runs.totalCount})`), tabLink('artifacts', `Artifacts (${project.artifacts.totalCount})`)),
    form,
    table.element,
  );
  await table.loaded;
}

