// Where a signed-in person lands: where they were going, if that is a page of this site; else
// admins on the admin console and everyone else on their API keys. Safe for the browser.
import { z } from "zod";
import { keysPath } from "@/lib/workspaces/paths";

/** The header proxy.ts sets on every page request: the path and query asked for, for the sign-in's way back. */
export const REQUESTED_PATH_HEADER = "x-keyport-path";

// A path on this site: one leading slash (not "//host" or "/\host", which browsers treat as another
// origin), printable characters only, and not the sign-in page itself (that would loop).
const nextPath = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[\x21-\x7e]*$/)
  .refine((p) => !/^\/sign-in(?:[/?#]|$)/.test(p) && !p.startsWith("/api/"));

/** `next` as given in a URL, if it is a page of this site to go back to; else null. */
export function safeNext(next: unknown): string | null {
  const parsed = nextPath.safeParse(next);
  return parsed.success ? parsed.data : null;
}

/** `personal`: the user's personal workspace, whose keys are everyone else's landing (null: the old address, which finds it). */
export function landingFor(user: { isAdmin: boolean }, personal: { slug: string } | null): string {
  return user.isAdmin ? "/admin" : personal ? keysPath(personal) : "/settings/api-keys";
}

/** The sign-in URL that comes back to `path` (when it is one to come back to), with why the last session ended. */
export function signInUrl(path: string | null, ended?: string | null): string {
  const params = new URLSearchParams();
  if (ended) params.set("ended", ended);
  const next = safeNext(path);
  if (next && next !== "/") params.set("next", next);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}
