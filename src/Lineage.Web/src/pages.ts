import { gql } from './api';
import { bytes, duration, facts, h, stamp, type Child } from './dom';
import { artifactHref, collectionHref, containerOf, lineageHref, namespaceHref, projectHref, registryHref, runHref, versionHref } from './links';
import { cell, pagedTable, type Page } from './paged';

const PAGE = 50;

const json = (value: unknown) => (value === null || value === undefined ? null : h('pre', { class: 'json' }, JSON.stringify(value, null, 2)));

/** Free text as its author wrote it, line breaks kept; never read as markup. */
const text = (value: string | null) => (value ? h('p', { class: 'description' }, value) : null);

const aliasChips = (aliases: string[]) => (aliases.length ? h('span', {}, ...aliases.map((a) => h('span', { class: 'alias' }, a))) : null);

interface VersionRow { name: string; qualifiedName: string; type: string; aliases: string[]; createdAt: string }

/** A table of versions (a run's inputs or outputs, ...), each linked to its page. */
function versionTable(label: string, fetch: (after: string | null) => Promise<Page<VersionRow>>, empty: string) {
  return pagedTable<VersionRow>({
    label,
    columns: ['Version', 'Type', 'Aliases', 'Logged'],
    noun: ['version', 'versions'],
    empty,
    fetch,
    row: (v) => h('tr', {}, cell(h('a', { href: versionHref(v.qualifiedName) }, v.qualifiedName)), cell(h('span', { class: 'type-chip', 'data-type': v.type }, v.type)), cell(aliasChips(v.aliases)), cell(stamp(v.createdAt))),
  });
}

interface RunRow { name: string; path: string; jobType: string | null; state: string; createdAt: string }

function runTable(label: string, fetch: (after: string | null) => Promise<Page<RunRow>>, empty: string) {
  return pagedTable<RunRow>({
    label,
    columns: ['Run', 'Job type', 'State', 'Created'],
    noun: ['run', 'runs'],
    empty,
    fetch,
    row: (r) => h('tr', {}, cell(h('a', { href: runHref(r.path) }, r.path)), cell(r.jobType ?? '—'), cell(h('span', { class: `state ${r.state.toLowerCase()}` }, r.state)), cell(stamp(r.createdAt))),
  });
}

const VERSION_ROW = 'totalCount nodes { name qualifiedName type aliases createdAt } pageInfo { hasNextPage endCursor }';
const RUN_ROW = 'totalCount nodes { name path jobType state createdAt } pageInfo { hasNextPage endCursor }';

/** Browse / namespace / project, then the rest of the way to what the page shows. */
function crumbsOf(path: string, ...rest: (Node | string)[]): HTMLElement {
  const [namespace, project] = path.split('/');
  return h('p', { class: 'crumbs' },
    h('a', { href: '#/browse' }, 'Browse'), ' / ', h('a', { href: namespaceHref(namespace) }, namespace),
    ' / ', h('a', { href: projectHref(`${namespace}/${project}`) }, project), ...rest.flatMap((part) => [' / ', part]));
}

/** #/run?path=acme/zoo/rural-feather-20: a run's details, config, and what it used and logged. */
export async function renderRun(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const path = params.get('path') ?? '';
  root.replaceChildren(h('h1', {}, path), h('p', { class: 'muted' }, 'Loading…'));
  const { run } = await gql<{ run: { name: string; path: string; description: string | null; jobType: string | null; state: string; config: unknown; createdAt: string; endedAt: string | null; createdBy: string; project: { path: string }; parentRun: { path: string } | null } | null }>(
    'query Run($path: String!) { run(path: $path) { name path description jobType state config createdAt endedAt createdBy project { path } parentRun { path } } }', { path });
  if (!run) throw new Error(`run '${path}' not found`);
  const used = versionTable('Used artifacts', async (after) => (await gql<{ run: { usedArtifacts: Page<VersionRow> } }>(
    `query Used($path: String!, $after: String) { run(path: $path) { usedArtifacts(first: ${PAGE}, after: $after) { ${VERSION_ROW} } } }`, { path, after })).run.usedArtifacts, 'It used no artifact.');
  const logged = versionTable('Logged artifacts', async (after) => (await gql<{ run: { loggedArtifacts: Page<VersionRow> } }>(
    `query Logged($path: String!, $after: String) { run(path: $path) { loggedArtifacts(first: ${PAGE}, after: $after) { ${VERSION_ROW} } } }`, { path, after })).run.loggedArtifacts, 'It logged no artifact.');
  root.replaceChildren(
    crumbsOf(run.path, run.name),
    h('h1', {}, h('span', { class: 'badge run' }, 'run'), ' ', run.name, ' ', h('span', { class: `state ${run.state.toLowerCase()}` }, run.state)),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: lineageHref(run.path) }, 'Open in lineage')),
    facts([
      ['Path', run.path],
      ['Project', h('a', { href: projectHref(run.project.path) }, run.project.path)],
      // Only runs recorded from OpenLineage events with a parent run facet have one.
      ...(run.parentRun ? [['Parent run', h('a', { href: runHref(run.parentRun.path) }, run.parentRun.path)] as [string, Child]] : []),
      ['Description', text(run.description)],
      ['Job type', run.jobType],
      ['State', run.state],
      ['Created', stamp(run.createdAt)],
      ['Ended', run.endedAt ? stamp(run.endedAt) : run.state === 'RUNNING' ? 'still running' : 'not recorded'],
      ['Duration', run.endedAt ? duration(run.createdAt, run.endedAt) : run.state === 'RUNNING' ? `${duration(run.createdAt, null)} so far` : null],
      ['Created by', run.createdBy],
      ['Config', json(run.config)],
    ]),
    h('section', { class: 'io' },
      h('div', {}, h('h2', {}, 'Inputs'), used.element),
      h('div', {}, h('h2', {}, 'Outputs'), logged.element)),
  );
  await Promise.all([used.loaded, logged.loaded]);
}

/** #/artifact?path=acme/zoo/split_zoo_dataset: an artifact and its versions, newest first. */
export async function renderArtifact(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const path = params.get('path') ?? '';
  root.replaceChildren(h('h1', {}, path), h('p', { class: 'muted' }, 'Loading…'));
  const project = path.split('/').slice(0, 2).join('/');
  const name = path.split('/')[2] ?? '';
  const { project: found } = await gql<{ project: { artifact: { name: string; path: string; type: string; createdAt: string } | null } | null }>(
    'query Artifact($project: String!, $name: String!) { project(path: $project) { artifact(name: $name) { name path type createdAt } } }', { project, name });
  const artifact = found?.artifact;
  if (!artifact) throw new Error(`artifact '${path}' not found`);
  const versions = versionTable('Versions', async (after) => (await gql<{ project: { artifact: { versions: Page<VersionRow> } } }>(
    `query Versions($project: String!, $name: String!, $after: String) { project(path: $project) { artifact(name: $name) { versions(first: ${PAGE}, after: $after) { ${VERSION_ROW} } } } }`,
    { project, name, after })).project.artifact.versions, 'No version.');
  root.replaceChildren(
    crumbsOf(artifact.path, artifact.name),
    h('h1', {}, h('span', { class: 'badge artifact type-chip', 'data-type': artifact.type }, artifact.type), ' ', artifact.name),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: lineageHref(artifact.path) }, 'Open the latest in lineage')),
    facts([['Path', artifact.path], ['Type', artifact.type], ['First logged', stamp(artifact.createdAt)]]),
    h('h2', {}, 'Versions'),
    versions.element,
  );
  await versions.loaded;
}

interface VersionDetails {
  name: string;
  qualifiedName: string;
  type: string;
  version: string;
  aliases: string[];
  tags: string[];
  digest: string;
  size: number | null;
  description: string | null;
  metadata: unknown;
  createdAt: string;
  createdBy: string;
  loggedBy: { path: string } | null;
  source: { qualifiedName: string } | null;
  collection: { path: string; registry: { path: string } } | null;
}

const TABS = [['overview', 'Overview'], ['files', 'Files'], ['usedBy', 'Used by'], ['loggers', 'Logged by'], ['collections', 'Linked into']] as const;

/** #/version?name=acme/zoo/split_zoo_dataset:v4&tab=…: a version's details, files, users, loggers and links, with a picker of its siblings. */
export async function renderVersion(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const name = params.get('name') ?? '';
  const tab = TABS.find(([t]) => t === params.get('tab'))?.[0] ?? 'overview';
  root.replaceChildren(h('h1', {}, name), h('p', { class: 'muted' }, 'Loading…'));
  const { artifact: v } = await gql<{ artifact: VersionDetails | null }>(
    `query Version($name: String!) { artifact(name: $name) { name qualifiedName type version aliases tags digest size description metadata createdAt createdBy
       loggedBy { path } source { qualifiedName } collection { path registry { path } } } }`, { name });
  if (!v) throw new Error(`artifact version '${name}' not found`);

  const container = containerOf(v.qualifiedName);
  const picker = (await versionPicker(v, (picked) => { location.hash = versionHref(picked, tab); })) ?? v.version;
  const body = h('div', { class: 'tab-body' });
  const crumbs = v.collection
    ? h('p', { class: 'crumbs' }, h('a', { href: '#/registries' }, 'Registries'), ' / ', h('a', { href: registryHref(v.collection.registry.path) }, v.collection.registry.path), ' / ', h('a', { href: collectionHref(v.collection.path) }, v.collection.path.split('/')[2]), ' / ', v.version)
    : crumbsOf(container, h('a', { href: artifactHref(container) }, container.split('/')[2]), v.version);
  root.replaceChildren(
    crumbs,
    h('h1', {}, h('span', { class: 'badge artifact type-chip', 'data-type': v.type }, v.type), ' ', v.name.split(':')[0], ':', picker),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: lineageHref(v.qualifiedName) }, 'Open in lineage')),
    h('nav', { class: 'tabs', role: 'tablist' }, ...TABS.map(([t, label]) =>
      h('a', { href: versionHref(v.qualifiedName, t), role: 'tab', 'aria-selected': String(t === tab), class: t === tab ? 'active' : '' }, label))),
    body,
  );

  const of = v.qualifiedName;
  switch (tab) {
    case 'overview':
      body.replaceChildren(facts([
        ['Name', v.qualifiedName],
        ['Description', text(v.description)],
        ['Version', v.version],
        ['Aliases', aliasChips(v.aliases)],
        ['Tags', v.tags.length ? h('span', {}, ...v.tags.map((t) => h('span', { class: 'tag' }, t))) : null],
        ['Type', v.type],
        ['Digest', h('code', {}, v.digest)],
        ['Size', bytes(v.size)],
        ['Created', stamp(v.createdAt)],
        ['Created by', v.createdBy],
        ['Logged by', v.loggedBy ? h('a', { href: runHref(v.loggedBy.path) }, v.loggedBy.path) : null],
        ...(v.collection ? [['Source', v.source ? h('a', { href: versionHref(v.source.qualifiedName) }, v.source.qualifiedName) : 'hidden from you'] as [string, Node | string]] : []),
        ['Metadata', json(v.metadata)],
      ]));
      break;
    case 'files': {
      const files = pagedTable<{ path: string; size: number; digest: string }>({
        label: 'Files',
        columns: ['Path', 'Size', 'Digest'],
        noun: ['file', 'files'],
        empty: 'No file manifest was logged with this version.',
        fetch: async (after) => (await gql<{ artifact: { files: Page<{ path: string; size: number; digest: string }> } }>(
          `query Files($name: String!, $after: String) { artifact(name: $name) { files(first: ${PAGE}, after: $after) { totalCount nodes { path size digest } pageInfo { hasNextPage endCursor } } } }`,
          { name: of, after })).artifact.files,
        row: (f) => h('tr', {}, cell(h('code', {}, f.path)), cell(bytes(f.size)), cell(h('code', { class: 'digest' }, f.digest))),
      });
      body.replaceChildren(files.element);
      await files.loaded;
      break;
    }
    case 'usedBy':
    case 'loggers': {
      const runs = runTable(tab === 'usedBy' ? 'Used by' : 'Logged by', async (after) => (await gql<{ artifact: Record<string, Page<RunRow>> }>(
        `query Runs($name: String!, $after: String) { artifact(name: $name) { ${tab}(first: ${PAGE}, after: $after) { ${RUN_ROW} } } }`, { name: of, after })).artifact[tab],
        tab === 'usedBy' ? 'No run has used it.' : 'No run you may see logged it.');
      body.replaceChildren(runs.element);
      await runs.loaded;
      break;
    }
    case 'collections': {
      const links = versionTable('Linked into', async (after) => (await gql<{ artifact: { collections: Page<VersionRow> } }>(
        `query Links($name: String!, $after: String) { artifact(name: $name) { collections(first: ${PAGE}, after: $after) { ${VERSION_ROW} } } }`, { name: of, after })).artifact.collections,
        v.collection ? 'A linked version is not linked again.' : 'It is linked into no collection you may see.');
      body.replaceChildren(links.element);
      await links.loaded;
      break;
    }
  }
}

/** What a version picker needs of the version it starts at. */
interface Picked {
  qualifiedName: string;
  version: string;
  collection: { path: string } | null;
}

/**
 * A select of the versions beside a version (its artifact's, or its collection's), newest
 * first, for picking another. Given a name, the version is looked up first; null when the name
 * names no version the caller may see.
 */
export async function versionPicker(version: Picked | string, onPick: (qualifiedName: string) => void): Promise<HTMLSelectElement | null> {
  const v = typeof version !== 'string'
    ? version
    : (await gql<{ artifact: Picked | null }>(
        'query Picked($name: String!) { artifact(name: $name) { qualifiedName version collection { path } } }', { name: version }).catch(() => ({ artifact: null }))).artifact;
  if (!v) return null;
  const container = containerOf(v.qualifiedName);
  const versions = '{ totalCount nodes { version aliases } pageInfo { hasNextPage endCursor } }';
  const siblings = await (v.collection
    ? gql<{ collection: { versions: Page<{ version: string; aliases: string[] }> } }>(
        `query Siblings($path: String!) { collection(path: $path) { versions(first: 1000) ${versions} } }`, { path: container })
        .then((a) => a.collection.versions)
    : gql<{ project: { artifact: { versions: Page<{ version: string; aliases: string[] }> } } }>(
        `query Siblings($project: String!, $name: String!) { project(path: $project) { artifact(name: $name) { versions(first: 1000) ${versions} } } }`,
        { project: container.split('/').slice(0, 2).join('/'), name: container.split('/')[2] })
        .then((a) => a.project.artifact.versions)).catch(() => null);
  const nodes = siblings?.nodes ?? [{ version: v.version, aliases: [] }];
  const select = h('select', { class: 'version-picker', 'aria-label': 'Version', onchange: () => onPick(`${container}:${select.value}`) },
    ...[...nodes].reverse().map((s) => h('option', { value: s.version, selected: s.version === v.version }, s.aliases.length ? `${s.version} (${s.aliases.join(', ')})` : s.version)));
  return select;
}
