// Addresses of the page's views: every name on the page links to its own view with these.
const q = (route: string, params: Record<string, string>) => `#/${route}?${new URLSearchParams(params)}`;

export const namespaceHref = (name: string) => q('namespace', { name });
export const projectHref = (path: string, tab?: 'runs' | 'artifacts') => q('project', tab ? { path, tab } : { path });
export const runHref = (path: string) => q('run', { path });
export const artifactHref = (path: string) => q('artifact', { path });
export const versionHref = (name: string, tab?: string) => q('version', tab ? { name, tab } : { name });
export const collectionHref = (path: string) => q('collection', { path });
export const registryHref = (path: string) => q('registry', { path });
export const lineageHref = (start: string) => q('lineage', { start });

/** The artifact (or collection) path of a version name: acme/zoo/split_zoo_dataset:v4 → acme/zoo/split_zoo_dataset. */
export function containerOf(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}
