// Where a workspace's pages live. The URL names the workspace: /w/<slug>/…, the personal one's
// too (its slug is its owner's address). /settings/api-keys, where the personal keys used to
// live, redirects to them (app/(dashboard)/settings/api-keys).
type Ref = { slug: string };

export const workspaceBase = (w: Ref) => `/w/${encodeURIComponent(w.slug)}`;
export const keysPath = (w: Ref) => `${workspaceBase(w)}/api-keys`;
export const keyPath = (w: Ref, keyId: string) => `${keysPath(w)}/${encodeURIComponent(keyId)}`;
export const membersPath = (w: Ref) => `${workspaceBase(w)}/members`;
export const auditPath = (w: Ref) => `${workspaceBase(w)}/audit`;
export const teamSettingsPath = (w: Ref) => `${workspaceBase(w)}/settings`;
export const webhooksPath = (w: Ref) => `${workspaceBase(w)}/webhooks`;
