import { describe, expect, it } from "vitest";
import { gatewayExample } from "./offered-scopes";

describe("the show-once dialog's gateway example", () => {
  const gets = [
    { path: "/api/v1/health", scope: null },
    { path: "/api/v1/escrows", scope: "escrows:read" },
    { path: "/api/v1/payouts", scope: "escrows:write" },
  ];

  it("calls a route that needs a scope the key holds, before one that needs none", () => {
    expect(gatewayExample(gets, ["escrows:write"])).toBe("/api/v1/payouts");
    expect(gatewayExample(gets, ["escrows:read", "escrows:write"])).toBe("/api/v1/escrows");
  });

  it("falls back to a route that needs no scope, and to nothing without a gateway", () => {
    expect(gatewayExample(gets, ["webhooks:write"])).toBe("/api/v1/health");
    expect(gatewayExample(gets.slice(1), ["webhooks:write"])).toBeNull();
    expect(gatewayExample([], ["escrows:read"])).toBeNull();
  });
});
