// Which pages offer which server action, from the build's manifests. A fetch action is posted to
// the page that shows it; posted to any other page, Next.js forwards it to a page that has it
// with an internal fetch, which fails behind server.ts ("uncaughtException: Error: aborted",
// answered 200 `{}`). Knowing the table, proxy.ts refuses such a post, and an id that names no
// action, before Next.js sees them. Pure except `loadActionRoutes`, which reads the build.
import fs from "node:fs";
import path from "node:path";

/** Action id → the route patterns (`/w/[slug]/api-keys`) of the pages that host it; and every page's route. */
export type ActionRoutes = { actions: Map<string, string[]>; pages: string[] };

type ServerReferenceManifest = { node?: Record<string, { workers?: Record<string, unknown> }> };

/** Builds the table from `server-reference-manifest.json` and `app-path-routes-manifest.json`. */
export function actionRoutesFrom(references: ServerReferenceManifest, appPathRoutes: Record<string, string>): ActionRoutes {
  const actions = new Map<string, string[]>();
  for (const [id, entry] of Object.entries(references.node ?? {})) {
    const routes = Object.keys(entry.workers ?? {})
      .map((worker) => appPathRoutes[worker.replace(/^app/, "")])
      .filter((route): route is string => typeof route === "string");
    actions.set(id, routes);
  }
  const pages = Object.entries(appPathRoutes)
    .filter(([entry]) => entry.endsWith("/page"))
    .map(([, route]) => route);
  return { actions, pages };
}

const cache = new Map<string, ActionRoutes | null>();

/** The table of the build in `distDir`, read once; null without a production build (next dev). */
export function loadActionRoutes(distDir = path.join(process.cwd(), ".next")): ActionRoutes | null {
  if (cache.has(distDir)) return cache.get(distDir)!;
  let table: ActionRoutes | null = null;
  try {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(distDir, file), "utf8")) as unknown;
    if (fs.existsSync(path.join(distDir, "BUILD_ID")))
      table = actionRoutesFrom(
        read("server/server-reference-manifest.json") as ServerReferenceManifest,
        read("app-path-routes-manifest.json") as Record<string, string>,
      );
  } catch {
    table = null;
  }
  cache.set(distDir, table);
  return table;
}

/** How a route pattern matches a path: null if it does not, else its static segments (more is more specific). */
function matchRoute(route: string, segments: string[]): number | null {
  const parts = route.split("/").filter(Boolean);
  let statics = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith("[[...")) return statics; // optional catch-all: anything, or nothing
    if (part.startsWith("[...")) return segments.length > i ? statics : null;
    if (i >= segments.length) return null;
    if (part.startsWith("[")) continue;
    if (part !== segments[i]) return null;
    statics++;
  }
  return segments.length === parts.length ? statics : null;
}

export type ActionCheck = "ok" | "unknown" | "not_here";

/**
 * Whether the page at `pathname` offers action `id`. The page is the most specific route that
 * matches (a static segment beats a dynamic one), as Next.js resolves it.
 */
export function checkActionRoute(table: ActionRoutes, id: string, pathname: string): ActionCheck {
  const hosts = table.actions.get(id);
  if (!hosts) return "unknown";
  let segments: string[];
  try {
    segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return "not_here";
  }
  let best: { route: string; statics: number } | null = null;
  for (const route of table.pages) {
    const statics = matchRoute(route, segments);
    if (statics !== null && (!best || statics > best.statics)) best = { route, statics };
  }
  return best && hosts.includes(best.route) ? "ok" : "not_here";
}
