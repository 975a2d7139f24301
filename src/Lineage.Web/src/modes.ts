// The explorer's two ways of reading a view besides exploring it: impact (what in the
// registries is made from the start) and compare (how another version's upstream differs).
import type { Core } from 'cytoscape';
import { gql } from './api';
import { errorBox, h } from './dom';
import { runHref, versionHref } from './links';

interface Node { id: string; name: string; path: string; kind: string }

interface ImpactAnswer {
  impact: {
    truncated: boolean;
    registryVersions: { hops: number; version: { qualifiedName: string; aliases: string[] }; source: Node }[];
    runs: { id: string }[];
    versions: { id: string }[];
  };
}

/**
 * Impact: the registry versions made from the start, listed with their aliases, and on the
 * graph the runs and versions on the paths to them marked, everything else faded.
 */
export async function showImpact(cy: Core, box: HTMLElement, start: string, drawnAs: Map<string, string>): Promise<void> {
  box.replaceChildren(h('p', { class: 'muted' }, 'Finding what the registries hold downstream…'));
  try {
    const { impact } = await gql<ImpactAnswer>(
      `query Impact($start: String!) { impact(start: $start) { truncated
         registryVersions { hops version { qualifiedName aliases } source { id name path kind } }
         runs { id } versions { id } } }`, { start });
    const onPaths = new Set([...impact.runs, ...impact.versions].map((n) => drawnAs.get(n.id) ?? n.id));
    for (const v of impact.registryVersions) onPaths.add(drawnAs.get(v.source.id) ?? v.source.id);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass('impacted', onPaths.has(n.id()));
        n.toggleClass('faded', !onPaths.has(n.id()) && !n.hasClass('start'));
      });
    });
    box.replaceChildren(
      h('h2', {}, `Impact: ${impact.registryVersions.length} registry version${impact.registryVersions.length === 1 ? '' : 's'} downstream`),
      impact.registryVersions.length === 0
        ? h('p', { class: 'muted' }, 'No registry you may see holds a version made from this.')
        : h('table', { class: 'table', 'aria-label': 'Registry versions downstream' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Registry version'), h('th', { scope: 'col' }, 'Aliases'), h('th', { scope: 'col' }, 'Made from'), h('th', { scope: 'col' }, 'Hops'))),
            h('tbody', {}, ...impact.registryVersions.map((v) => h('tr', {},
              h('td', {}, h('a', { href: versionHref(v.version.qualifiedName) }, v.version.qualifiedName)),
              h('td', {}, ...v.version.aliases.map((a) => h('span', { class: 'alias' }, a))),
              h('td', {}, h('a', { href: versionHref(v.source.path) }, v.source.name)),
              h('td', {}, v.hops))))),
      ...(impact.truncated ? [h('p', { class: 'muted' }, 'The walk was cut short: there may be more.')] : []),
    );
  } catch (error) {
    box.replaceChildren(errorBox(error));
  }
}

interface CompareAnswer {
  compareLineage: {
    truncated: boolean;
    nodes: { status: 'BOTH' | 'ONLY_IN_A' | 'ONLY_IN_B' | 'CHANGED_VERSION'; a: Node | null; b: Node | null }[];
    configChanges: { key: string; a: unknown; b: unknown }[];
  };
}

const STATUS: Record<string, string> = { ONLY_IN_A: 'only here', ONLY_IN_B: 'only in the other', CHANGED_VERSION: 'another version' };

/**
 * Compare: the start's upstream against another version's (or run's); on the graph, what only
 * the start's upstream has and what was made from another version are marked; beside it, every
 * difference and the config keys whose values differ.
 */
export async function showComparison(cy: Core, box: HTMLElement, start: string, other: string, drawnAs: Map<string, string>): Promise<void> {
  if (!other) {
    box.replaceChildren(h('p', { class: 'muted' }, 'Name a version (or run) to compare this one with, then Apply.'));
    return;
  }

  box.replaceChildren(h('p', { class: 'muted' }, 'Comparing…'));
  try {
    const { compareLineage: c } = await gql<CompareAnswer>(
      `query Compare($a: String!, $b: String!) { compareLineage(a: $a, b: $b) { truncated
         nodes { status a { id name path kind } b { id name path kind } }
         configChanges { key a b } } }`, { a: start, b: other });
    cy.batch(() => {
      cy.nodes().removeClass('only-a changed');
      for (const n of c.nodes) {
        if (!n.a || n.status === 'BOTH') continue;
        cy.$id(drawnAs.get(n.a.id) ?? n.a.id).addClass(n.status === 'ONLY_IN_A' ? 'only-a' : 'changed');
      }
    });
    const differences = c.nodes.filter((n) => n.status !== 'BOTH');
    const link = (n: Node | null) => (n ? h('a', { href: n.kind === 'RUN' ? runHref(n.path) : versionHref(n.path) }, n.path) : '—');
    const json = (value: unknown) => (value === null || value === undefined ? '—' : h('code', {}, JSON.stringify(value)));
    box.replaceChildren(
      h('h2', {}, `Compared with ${other}: ${differences.length} difference${differences.length === 1 ? '' : 's'} upstream`),
      differences.length === 0
        ? h('p', { class: 'muted' }, 'Both were made from the same runs and versions.')
        : h('table', { class: 'table', 'aria-label': 'Upstream differences' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Difference'), h('th', { scope: 'col' }, 'Here'), h('th', { scope: 'col' }, 'In the other'))),
            h('tbody', {}, ...differences.map((n) => h('tr', {},
              h('td', {}, h('span', { class: `diff ${n.status.toLowerCase()}` }, STATUS[n.status])),
              h('td', {}, link(n.a)),
              h('td', {}, link(n.b)))))),
      ...(c.configChanges.length === 0 ? [] : [h('table', { class: 'table', 'aria-label': 'Config differences' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Config key'), h('th', { scope: 'col' }, 'Here'), h('th', { scope: 'col' }, 'In the other'))),
            h('tbody', {}, ...c.configChanges.map((k) => h('tr', {}, h('td', {}, h('code', {}, k.key)), h('td', {}, json(k.a)), h('td', {}, json(k.b))))))]),
      ...(c.truncated ? [h('p', { class: 'muted' }, 'A walk was cut short: there may be more.')] : []),
    );
  } catch (error) {
    box.replaceChildren(errorBox(error));
  }
}
