// Where a workspace's pages live. The URL names the workspace: /w/<slug>/…. The personal
// workspace's keys also stay at /settings/api-keys, where they have always been (bookmarks,
// docs and QA flows use it); both URLs show the same page.
type Ref = { slug: string; personal: boolean };

export const workspaceBase = (w: Pick<Ref, "slug">) => `/w/${encodeURIComponent(w.slug)}`;
export const keysPath = (w: Ref) => (w.personal ? "/settings/api-keys" : `${workspaceBase(w)}/api-keys`);
export const keyPath = (w: Ref, keyId: string) => `${keysPath(w)}/${encodeURIComponent(keyId)}`;
export const membersPath = (w: Pick<Ref, "slug">) => `${workspaceBase(w)}/members`;
export const auditPath = (w: Pick<Ref, "slug">) => `${workspaceBase(w)}/audit`;
export const teamSettingsPath = (w: Pick<Ref, "slug">) => `${workspaceBase(w)}/settings`;
