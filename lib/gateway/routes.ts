// Gateway mode's route table (GATEWAY_ROUTES): which requests under the public prefix are
// forwarded to the platform's API (GATEWAY_UPSTREAM), and the scope each one needs. Pure: the
// file is read and checked at start-up (lib/gateway/config.ts), matched on every request here.
import { z } from "zod";
import { SCOPE_IDS, type Scope } from "@/lib/keys/scopes";

/** The methods a gateway route may forward. */
export const GATEWAY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
export type GatewayMethod = (typeof GATEWAY_METHODS)[number];

/**
 * A path relative to the public prefix: literal segments, `:name` for any one segment, and a
 * final `*` for one or more further segments (`/escrows/*` matches `/escrows/1` and
 * `/escrows/1/fund`, not `/escrows`).
 */
const pathPattern = z
  .string()
  .regex(
    /^(\/(:?[A-Za-z0-9._~-]+))*(\/\*)?$/,
    "must be a path like /escrows, /escrows/:id or /escrows/* (segments of letters, digits, . _ ~ -)",
  )
  .refine((p) => p.length > 0, "must not be empty: use / for the prefix itself")
  .or(z.literal("/"));

export const gatewayRouteSchema = z.strictObject({
  methods: z
    .array(z.enum(GATEWAY_METHODS, { error: `each method must be one of ${GATEWAY_METHODS.join(", ")}` }))
    .min(1, "must name at least one method"),
  path: pathPattern,
  scope: z.enum(SCOPE_IDS as [Scope, ...Scope[]], { error: `must be one of ${SCOPE_IDS.join(", ")}` }).optional(),
});

export const gatewayRoutesSchema = z.array(gatewayRouteSchema).max(1000, "at most 1,000 routes");

export type GatewayRoute = z.infer<typeof gatewayRouteSchema>;

function segmentsMatch(pattern: string, path: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  const rest = want.at(-1) === "*";
  if (rest) want.pop();
  if (rest ? got.length <= want.length : got.length !== want.length) return false;
  return want.every((w, i) => (w.startsWith(":") ? got[i]!.length > 0 : w === got[i]));
}

/**
 * The first route whose path and method match (HEAD matches a GET route). `path` is the
 * request path under the prefix, without the query string, already percent-decoding-safe
 * (the front door refused malformed URLs). A path with `..` segments never matches.
 */
export function matchGatewayRoute(
  table: readonly GatewayRoute[],
  method: string,
  path: string,
): { route: GatewayRoute } | { route: null; allowed: GatewayMethod[] } {
  if (path.split("/").some((s) => s === ".." || s === ".")) return { route: null, allowed: [] };
  const onPath = table.filter((r) => segmentsMatch(r.path, path));
  const route = onPath.find((r) => r.methods.includes(method as GatewayMethod) || (method === "HEAD" && r.methods.includes("GET")));
  if (route) return { route };
  return { route: null, allowed: [...new Set(onPath.flatMap((r) => r.methods))] };
}
