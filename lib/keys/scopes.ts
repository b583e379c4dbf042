// The one catalogue of scopes: the request form, the API checks and the docs read it.
export const SCOPES = {
  "escrows:read": "List and read your indexed escrows.",
  "escrows:write": "Deploy, fund and update escrows.",
  "webhooks:write": "Register and remove webhooks for escrow events.",
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_IDS = Object.keys(SCOPES) as Scope[];
/** Least privilege: a new key starts with reading only. */
export const DEFAULT_SCOPES: Scope[] = ["escrows:read"];

export function isScope(s: string): s is Scope {
  return Object.hasOwn(SCOPES, s);
}
