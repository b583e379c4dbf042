import { describe, expect, it } from "vitest";
import { addedScopeRefusal, offeredScopes, scopeDescription } from "./scopes";

describe("scopes", () => {
  it("offers only scopes an operation checks: escrows:read for GET /api/v1/escrows", () => {
    expect(offeredScopes()).toEqual(["escrows:read"]);
  });

  it("offers a scope the gateway's route table checks too, in catalogue order, and nothing outside the catalogue", () => {
    expect(offeredScopes(["webhooks:write", "escrows:read", "made:up"])).toEqual(["escrows:read", "webhooks:write"]);
    expect(addedScopeRefusal(["escrows:read", "webhooks:write"], ["escrows:read"], offeredScopes(["webhooks:write"]))).toBeNull();
  });

  it("still describes the scopes older keys were given", () => {
    expect(scopeDescription("escrows:write")).toMatch(/escrows/);
    expect(scopeDescription("something:else")).toBeNull();
  });

  it("lets an edit keep a key's older scopes but not add one nothing checks", () => {
    expect(addedScopeRefusal(["escrows:read", "webhooks:write"], ["escrows:read", "webhooks:write"])).toBeNull();
    expect(addedScopeRefusal(["escrows:read"], ["escrows:read", "webhooks:write"])).toBeNull();
    expect(addedScopeRefusal(["escrows:read", "escrows:write"], ["escrows:read"])).toMatch(/escrows:write/);
  });
});
