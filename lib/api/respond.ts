// The one response shape of /api/v1: JSON, never cached, errors as
// { "error": { "code": "...", "message": "..." } }.
const NO_STORE = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return apiJson({ error: { code, message, ...extra } }, { status, headers });
}

/** One message for every kind of bad key: it tells an attacker nothing. */
export const UNAUTHORIZED_MESSAGE = "Missing or invalid API key. Send an active key in the X-API-KEY header.";

export function unauthorized() {
  return apiError(401, "unauthorized", UNAUTHORIZED_MESSAGE, {}, { "WWW-Authenticate": 'ApiKey realm="keyport", header="X-API-KEY"' });
}
