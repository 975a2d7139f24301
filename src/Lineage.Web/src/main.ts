import './style.css';
import { gql } from './api';
import { errorBox, h } from './dom';
import { renderExplorer } from './explorer';
import { renderCollection, renderRegistries, renderRegistry } from './registries';
import { apiKey, setApiKey } from './session';

const app = document.getElementById('app')!;
const who = document.getElementById('who')!;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;

signOut.onclick = () => {
  setApiKey(null);
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
  if (!apiKey()) {
    signIn();
    return;
  }

  try {
    const { viewer } = await gql<{ viewer: { name: string } }>('{ viewer { name } }');
    who.textContent = viewer.name;
    signOut.hidden = false;
  } catch (error) {
    setApiKey(null);
    signIn(error instanceof Error ? `That key was refused: ${error.message}` : 'That key was refused.');
    return;
  }

  const [page, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === (page.startsWith('regist') || page.startsWith('collection') ? 'registries' : 'lineage'));
  }

  try {
    switch (page) {
      case 'registries':
        await renderRegistries(app);
        break;
      case 'registry':
        await renderRegistry(app, params.get('path') ?? '');
        break;
      case 'collection':
        await renderCollection(app, params);
        break;
      default:
        renderExplorer(app, params);
    }
  } catch (error) {
    app.replaceChildren(errorBox(error));
  }
}
