// The API key lives in sessionStorage only: it is gone when the tab closes, and never leaves
// the browser except in the Authorization header of requests to this server.
const KEY = 'lineage.apiKey';

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key.trim());
  else sessionStorage.removeItem(KEY);
}
