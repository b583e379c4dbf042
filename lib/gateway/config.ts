// Gateway mode's configuration: GATEWAY_UPSTREAM and the route file GATEWAY_ROUTES, read and
// checked once, at start-up (lib/server/startup.ts), so a bad file stops the server with one
// line naming the entry and its rule, before the port opens.
import fs from "node:fs";
import { env } from "@/lib/core/env";
import { offeredScopes, type Scope } from "@/lib/keys/scopes";
import { gatewayRoutesSchema, type GatewayRoute } from "./routes";

export type GatewayConfig = { upstream: URL; prefix: string; timeoutMs: number; routes: GatewayRoute[] };

let loaded: { config: GatewayConfig | null } | undefined;

function load(): GatewayConfig | null {
  if (!env.GATEWAY_UPSTREAM || !env.GATEWAY_ROUTES) return null;
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ env.GATEWAY_ROUTES, "utf8");
  } catch (error) {
    throw new Error(`GATEWAY_ROUTES: cannot read ${env.GATEWAY_ROUTES} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      `GATEWAY_ROUTES: ${env.GATEWAY_ROUTES} is not JSON: expected [{ "methods": ["GET"], "path": "/escrows/*", "scope": "escrows:read" }]`,
    );
  }
  const parsed = gatewayRoutesSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `GATEWAY_ROUTES: ${env.GATEWAY_ROUTES} entry ${i.path.join(".")}: ${i.message}`);
    throw new Error(lines.join("\n"));
  }
  return { upstream: new URL(env.GATEWAY_UPSTREAM), prefix: env.GATEWAY_PREFIX, timeoutMs: env.GATEWAY_TIMEOUT_MS, routes: parsed.data };
}

/** The gateway's configuration, or null when gateway mode is off. Throws, once, on a bad route file. */
export function gatewayConfig(): GatewayConfig | null {
  loaded ??= { config: load() };
  return loaded.config;
}

/** The scopes the gateway's routes check: offered to new keys beside Keyport's own. */
export function gatewayScopes(): string[] {
  return [...new Set((gatewayConfig()?.routes ?? []).flatMap((r) => (r.scope ? [r.scope] : [])))];
}

/** The table's GET routes with no parameter, as public paths with their scope: calls a new key can be shown. */
export function gatewayGetRoutes(): { path: string; scope: string | null }[] {
  const config = gatewayConfig();
  if (!config) return [];
  return config.routes
    .filter((r) => r.methods.includes("GET") && !/[:*]/.test(r.path))
    .map((r) => ({ path: `${config.prefix}${r.path === "/" ? "" : r.path}`, scope: r.scope ?? null }));
}

/** What a new key may be given on this deployment: Keyport's own checked scopes and the route table's. */
export const offeredKeyScopes = (): Scope[] => offeredScopes(gatewayScopes());
