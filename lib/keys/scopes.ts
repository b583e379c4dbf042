// The one catalogue of scopes: the request form, the API checks and the docs read it.

/**
 * Every scope a key may carry, with what it allows. Includes scopes no operation requires any
 * more (keys issued with them still show them, and may keep them), so a stored scope is always
 * described; what a new key may be given is `offeredScopes()`.
 */
export const SCOPES = {
  "escrows:read": "List and read your indexed escrows.",
  "escrows:write": "Deploy, fund and update escrows.",
  "webhooks:write": "Register and remove webhooks for escrow events.",
} as const;

export type Scope = keyof typeof SCOPES;
export const SCOPE_IDS = Object.keys(SCOPES) as Scope[];
/** Least privilege: a new key starts with reading only. */
export const DEFAULT_SCOPES: Scope[] = ["escrows:read"];

/**
 * The scopes some /api/v1 operation requires: GET /escrows needs escrows:read (whoami needs
 * none; keys/verify takes an operator token, not a scope). A scope nothing checks would be a
 * promise the API does not keep, so only these are offered. Grows with the routes: add the
 * scope an operation checks here, in the same change as the operation.
 */
const REQUIRED_BY_OPERATIONS: readonly Scope[] = ["escrows:read"];

/**
 * The scopes a new key may be given, in catalogue order: those Keyport's own operations check,
 * and `alsoRequired` — the scopes the gateway's route table checks (lib/gateway/config.ts
 * offeredKeyScopes), when it runs in gateway mode.
 */
export function offeredScopes(alsoRequired: readonly string[] = []): Scope[] {
  return SCOPE_IDS.filter((s) => REQUIRED_BY_OPERATIONS.includes(s) || alsoRequired.includes(s));
}

/** What a stored scope allows; a scope outside the catalogue (older data) is named as it is. */
export function scopeDescription(scope: string): string | null {
  return isScope(scope) ? SCOPES[scope] : null;
}

/**
 * An edit may keep scopes a key already holds, but may add only offered ones: the form shows
 * both, and the data layer asks this on the locked row. The message names what was refused.
 */
export function addedScopeRefusal(
  next: readonly string[],
  current: readonly string[],
  offered: readonly string[] = offeredScopes(),
): string | null {
  const refused = next.filter((s) => !current.includes(s) && !offered.includes(s));
  if (refused.length === 0) return null;
  return `No operation checks ${refused.join(", ")}, so it cannot be added to a key. Choose from ${offered.join(", ")}.`;
}

export function isScope(s: string): s is Scope {
  return Object.hasOwn(SCOPES, s);
}
