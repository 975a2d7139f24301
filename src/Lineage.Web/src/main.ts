import './style.css';
import { gql } from './api';
import { errorBox, h } from './dom';
import { renderNamespace, renderNamespaces, renderProject } from './browse';
import { renderExplorer } from './explorer';
import { renderArtifact, renderRun, renderVersion } from './pages';
import { renderCollection, renderRegistries, renderRegistry } from './registries';
import { apiKey, setApiKey } from './session';

const app = document.getElementById('app')!;
const who = document.getElementById('who')!;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;

/** Who the key belongs to, asked once per key rather than at every navigation. */
let signedInAs: { key: string; name: string } | null = null;

signOut.onclick = () => {
  setApiKey(null);
  signedInAs = null;
  location.hash = '#/';
  void route();
};
window.addEventListener('hashchange', () => void route());
void route();

/** Asks for an API key until one works; the key stays in this tab's session storage only. */
function signIn(problem?: string): void {
  who.textContent = '';
  signOut.hidden = true;
  const key = h('input', { type: 'password', name: 'key', required: true, autocomplete: 'off', placeholder: 'lin_…', 'aria-label': 'API key' });
  app.replaceChildren(
    h('form', { class: 'sign-in', onsubmit: (e: Event) => {
      e.preventDefault();
      setApiKey(key.value);
      void route();
    } },
      h('h1', {}, 'Sign in'),
      h('p', {}, 'Paste an API key. It is kept in this browser tab only, and sent with each request to this server.'),
      problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
      key,
      h('button', { type: 'submit' }, 'Sign in')),
  );
  key.focus();
}

async function route(): Promise<void> {
  const key = apiKey();
  if (!key) {
    signIn();
    return;
  }

  if (signedInAs?.key !== key) {
    try {
      const { viewer } = await gql<{ viewer: { name: string } }>('{ viewer { name } }');
      signedInAs = { key, name: viewer.name };
      who.textContent = viewer.name;
      signOut.hidden = false;
    } catch (error) {
      setApiKey(null);
      signIn(error instanceof Error ? `That key was refused: ${error.message}` : 'That key was refused.');
      return;
    }
  }

  const [page, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const section = page.startsWith('regist') || page.startsWith('collection') ? 'registries' : page === '' || page === 'lineage' ? 'lineage' : 'browse';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === section);
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  // Each navigation renders into a container of its own: a page still loading when the user
  // moves on writes into a container no longer shown.
  const view = h('div', { class: 'view' });
  app.replaceChildren(view);
  try {
    switch (page) {
      case 'registries':
        await renderRegistries(view);
        break;
      case 'registry':
        await renderRegistry(view, params);
        break;
      case 'collection':
        await renderCollection(view, params);
        break;
      case 'browse':
        await renderNamespaces(view);
        break;
      case 'namespace':
        await renderNamespace(view, params);
        break;
      case 'project':
        await renderProject(view, params);
        break;
      case 'run':
        await renderRun(view, params);
        break;
      case 'artifact':
        await renderArtifact(view, params);
        break;
      case 'version':
        await renderVersion(view, params);
        break;
      default:
        renderExplorer(view, params);
    }
  } catch (error) {
    view.replaceChildren(errorBox(error));
  }
}
