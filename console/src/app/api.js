// The console talks only to the public HTTP API, with the API token kept for this tab (sessionStorage).
const TOKEN_KEY = 'storelink.api-token';
/** Fired on window when the API refuses the saved token: the app goes back to the login. */
export const SIGNED_OUT = 'storelink:signed-out';

export function savedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** An answer the API refused: the RFC 9457 problem, with its field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** @return the problem's field errors, [{key, message}] */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export async function api(path, { method = 'GET', body, token = savedToken(), headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: `The server answered ${response.status} with something that is not JSON` };
  }
  if (!response.ok) {
    if (response.status === 401 && token && token === savedToken()) {
      forgetToken();
      window.dispatchEvent(new Event(SIGNED_OUT));
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

/** A path segment, escaped. */
export function seg(value) {
  return encodeURIComponent(value);
}
