import { gql } from './api';
import { bytes, errorBox, facts, h, stamp } from './dom';
import { runHref, versionHref } from './links';

interface RunDetails {
  run: { name: string; path: string; description: string | null; jobType: string | null; state: string; createdBy: string; createdAt: string; config: unknown };
}

interface VersionDetails {
  artifact: {
    name: string;
    qualifiedName: string;
    description: string | null;
    version: string;
    aliases: string[];
    type: string;
    digest: string;
    size: number | null;
    createdAt: string;
    createdBy: string;
    metadata: unknown;
    loggers: { totalCount: number; nodes: { path: string }[] };
    collections: { totalCount: number; nodes: { qualifiedName: string }[] };
  };
}

const json = (value: unknown) => (value === null || value === undefined ? '—' : h('pre', { class: 'json' }, JSON.stringify(value, null, 2)));

/** Free text as its author wrote it, line breaks kept; never read as markup. */
const text = (value: string | null) => (value ? h('p', { class: 'description' }, value) : '—');

/** Fills the panel with a run's details: name, description, job type, state, creator, created, config. */
export async function showRun(panel: HTMLElement, path: string, open: (start: string) => void): Promise<void> {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const { run } = await gql<RunDetails>(
      'query Run($path: String!) { run(path: $path) { name path description jobType state createdBy createdAt config } }',
      { path },
    );
    panel.replaceChildren(
      h('h2', {}, h('span', { class: 'badge run' }, 'run'), ' ', run.name),
      facts([
        ['Path', run.path],
        ['Description', text(run.description)],
        ['Job type', run.jobType],
        ['State', run.state],
        ['Created by', run.createdBy],
        ['Created', stamp(run.createdAt)],
        ['Config', json(run.config)],
      ]),
      h('p', { class: 'actions' },
        h('button', { type: 'button', onclick: () => open(run.path) }, 'Centre the lineage here'), ' ',
        h('a', { class: 'button', href: runHref(run.path) }, 'Open the run page')),
    );
  } catch (error) {
    panel.replaceChildren(errorBox(error));
  }
}

/** Fills the panel with a version's details, its loggers and the collections it is linked into. */
export async function showVersion(panel: HTMLElement, name: string, open: (start: string) => void): Promise<void> {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const { artifact: v } = await gql<VersionDetails>(
      `query Version($name: String!) { artifact(name: $name) {
         name qualifiedName description version aliases type digest size createdAt createdBy metadata
         loggers(first: 20) { totalCount nodes { path } } collections(first: 20) { totalCount nodes { qualifiedName } } } }`,
      { name },
    );
    // The first page of each list, and how many more there are.
    const list = (items: string[], total: number) =>
      items.length === 0
        ? '—'
        : h('ul', { class: 'plain' }, ...items.map((i) => h('li', {}, i)), ...(total > items.length ? [h('li', { class: 'muted' }, `and ${total - items.length} more`)] : []));
    panel.replaceChildren(
      h('h2', {}, h('span', { class: 'badge artifact' }, v.type), ' ', v.name),
      facts([
        ['Name', v.qualifiedName],
        ['Description', text(v.description)],
        ['Version', v.version],
        ['Aliases', v.aliases.length ? h('span', {}, ...v.aliases.map((a) => h('span', { class: 'alias' }, a))) : '—'],
        ['Type', v.type],
        ['Digest', h('code', {}, v.digest)],
        ['Size', bytes(v.size)],
        ['Created by', v.createdBy],
        ['Created', stamp(v.createdAt)],
        ['Logged by', list(v.loggers.nodes.map((r) => r.path), v.loggers.totalCount)],
        ['Linked into', list(v.collections.nodes.map((c) => c.qualifiedName), v.collections.totalCount)],
        ['Metadata', json(v.metadata)],
      ]),
      h('p', { class: 'actions' },
        h('button', { type: 'button', onclick: () => open(v.qualifiedName) }, 'Centre the lineage here'), ' ',
        h('a', { class: 'button', href: versionHref(v.qualifiedName) }, 'Open the version page')),
    );
  } catch (error) {
    panel.replaceChildren(errorBox(error));
  }
}
