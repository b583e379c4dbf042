import { describe, expect, it } from "vitest";
import { gatewayRoutesSchema, matchGatewayRoute, type GatewayRoute } from "./routes";

const table: GatewayRoute[] = [
  { methods: ["GET"], path: "/escrows", scope: "escrows:read" },
  { methods: ["POST"], path: "/escrows", scope: "escrows:write" },
  { methods: ["GET"], path: "/escrows/:id" },
  { methods: ["PUT", "DELETE"], path: "/files/*" },
];

describe("matchGatewayRoute", () => {
  it.each([
    ["GET", "/escrows", "GET /escrows escrows:read"],
    ["POST", "/escrows", "POST /escrows escrows:write"],
    ["HEAD", "/escrows", "GET /escrows escrows:read"],
    ["GET", "/escrows/", "GET /escrows escrows:read"],
    ["GET", "/escrows/42", "GET /escrows/:id -"],
    ["DELETE", "/files/a/b/c", "PUT,DELETE /files/* -"],
  ])("%s %s → %s", (method, path, expected) => {
    const m = matchGatewayRoute(table, method, path);
    expect(m.route && `${m.route.methods.join(",")} ${m.route.path} ${m.route.scope ?? "-"}`).toBe(expected);
  });

  it("names the methods a known path takes, and nothing for an unknown one", () => {
    expect(matchGatewayRoute(table, "DELETE", "/escrows")).toEqual({ route: null, allowed: ["GET", "POST"] });
    expect(matchGatewayRoute(table, "GET", "/files")).toEqual({ route: null, allowed: [] });
    expect(matchGatewayRoute(table, "GET", "/escrows/42/extra")).toEqual({ route: null, allowed: [] });
  });

  it("never matches a path that climbs out with dot segments", () => {
    expect(matchGatewayRoute(table, "GET", "/files/../escrows").route).toBeNull();
    expect(matchGatewayRoute([{ methods: ["GET"], path: "/*" }], "GET", "/a/./b").route).toBeNull();
  });
});

describe("the route file", () => {
  it("accepts the documented shape", () => {
    expect(gatewayRoutesSchema.safeParse(table).success).toBe(true);
  });

  it.each([
    [[{ methods: ["GET"], path: "escrows" }], "path"],
    [[{ methods: ["BREW"], path: "/escrows" }], "methods"],
    [[{ methods: [], path: "/escrows" }], "methods"],
    [[{ methods: ["GET"], path: "/escrows", scope: "coffee:make" }], "scope"],
    [[{ methods: ["GET"], path: "/escrows", extra: 1 }], ""],
    [[{ methods: ["GET"], path: "/a/*/b" }], "path"],
  ])("refuses %j, naming %s", (routes, field) => {
    const result = gatewayRoutesSchema.safeParse(routes);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join(".")).toContain(field);
  });
});
