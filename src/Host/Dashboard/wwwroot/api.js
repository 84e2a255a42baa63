// Calls to the MetaLoss HTTP API. When a call comes back 401 the page asks for the token (the
// contents of the server's --token-file), keeps it in sessionStorage for this tab, and retries.

const tokenKey = 'metaloss-token';

/** An API answer other than 2xx: the server's message and, for bad settings, the field it names. */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

let askToken = async () => {
  throw new ApiError(401, 'this server needs a token');
};
let tokenRequest = null;

/** Sets how the page asks for a token: (refused: boolean) => Promise<string>. */
export function setTokenPrompt(prompt) {
  askToken = prompt;
}

/** fetch() with the token; on 401 asks for one (once for all callers waiting) and tries again. */
export async function authorizedFetch(path, init = {}) {
  for (;;) {
    const token = sessionStorage.getItem(tokenKey);
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(path, { ...init, headers });
    if (response.status !== 401) return response;
    await response.body?.cancel();
    if (sessionStorage.getItem(tokenKey) === token) {
      tokenRequest ??= askToken(token !== null).finally(() => {
        tokenRequest = null;
      });
      sessionStorage.setItem(tokenKey, await tokenRequest);
    }
  }
}

/** A JSON call: resolves to the parsed body, rejects with ApiError for any answer but 2xx. */
export async function api(path, { method = 'GET', body } = {}) {
  const init = { method };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await authorizedFetch(path, init);
  const parsed = await readJson(response);
  if (!response.ok) {
    const message = typeof parsed?.error === 'string' ? parsed.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, typeof parsed?.field === 'string' ? parsed.field : undefined);
  }
  return { status: response.status, body: parsed };
}

/** Saves an API answer as a file (a plain link could not carry the token). */
export async function download(path, fileName) {
  const response = await authorizedFetch(path);
  if (!response.ok) {
    const parsed = await readJson(response);
    throw new ApiError(response.status, parsed?.error ?? `${response.status} ${response.statusText}`);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const paths = {
  runs: '/api/runs',
  run: name => `/api/runs/${encodeURIComponent(name)}`,
  change: (name, change) => `/api/runs/${encodeURIComponent(name)}/${change}`,
  bestMln: name => `/api/runs/${encodeURIComponent(name)}/best-mln`,
  cluster: '/api/cluster',
  events: '/api/events',
};

async function readJson(response) {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
