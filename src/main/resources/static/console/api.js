// The hub's REST API as the console calls it: the session cookie goes by itself (same origin), every
// change carries the session's CSRF token in the header GET /api/session names.

let csrf = null;

/** A refusal of the API: its status and its problem+json (title, detail, errors[] by field). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function rememberCsrf(token) {
  csrf = token || null;
}

/**
 * One call. A body-less change still says Content-Type: application/json, as the hub refuses any other
 * (so that a cross-site form post can never act). 401 means the session is gone: the console signs in again.
 */
export async function api(method, path, body, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = contentType;
    if (csrf) {
      headers[csrf.headerName] = csrf.token;
    }
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = { detail: text };
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('sincro:signed-out'));
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body, 'application/merge-patch+json');

/** Who is signed in (principal, role, csrf), or null when nobody is. */
export async function session() {
  try {
    const who = await fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!who.ok) {
      return null;
    }
    const data = await who.json();
    rememberCsrf(data.csrf);
    return data;
  } catch (e) {
    return null;
  }
}

/**
 * Signs in through the hub's form login (/login), as its own page would: the form's CSRF token is read
 * from that page first. Success redirects to /api/session; a refusal back to the login page.
 */
export async function signIn(username, password) {
  const page = await fetch('/login', { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  const html = new DOMParser().parseFromString(await page.text(), 'text/html');
  const form = new URLSearchParams({ username, password });
  const token = html.querySelector('input[name="_csrf"]');
  if (token) {
    form.set('_csrf', token.value);
  }
  const answer = await fetch('/login', {
    method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' },
  });
  if (!answer.ok || new URL(answer.url).pathname !== '/api/session') {
    return null;
  }
  return session();
}

export async function signOut() {
  const headers = { Accept: 'text/html' };
  if (csrf) {
    headers[csrf.headerName] = csrf.token;
  }
  await fetch('/logout', { method: 'POST', headers, credentials: 'same-origin' });
  rememberCsrf(null);
}
