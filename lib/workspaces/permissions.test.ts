import { describe, expect, it } from "vitest";
import { can, canChangeMember, canManageKey, invitableRoles, TEAM_SLUG } from "./permissions";

describe("workspace permissions", () => {
  it("owners do everything, admins all but delete and transfer, developers keys, viewers read", () => {
    expect(can("owner", "workspace.delete")).toBe(true);
    expect(can("admin", "workspace.delete")).toBe(false);
    expect(can("admin", "workspace.transfer")).toBe(false);
    expect(can("admin", "members.manage")).toBe(true);
    expect(can("developer", "keys.create")).toBe(true);
    expect(can("developer", "keys.manage_all")).toBe(false);
    expect(can("developer", "members.manage")).toBe(false);
    expect(can("viewer", "read")).toBe(true);
    expect(can("viewer", "keys.create")).toBe(false);
  });

  it("developers manage the keys they created; admins and owners every key; viewers none", () => {
    expect(canManageKey("developer", "u1", { createdById: "u1" })).toBe(true);
    expect(canManageKey("developer", "u1", { createdById: "u2" })).toBe(false);
    expect(canManageKey("admin", "u1", { createdById: "u2" })).toBe(true);
    expect(canManageKey("viewer", "u1", { createdById: "u1" })).toBe(false);
  });

  it("only owners touch owners or make new ones", () => {
    expect(canChangeMember("admin", "developer", "admin")).toBe(true);
    expect(canChangeMember("admin", "owner", "admin")).toBe(false);
    expect(canChangeMember("admin", "viewer", "owner")).toBe(false);
    expect(canChangeMember("owner", "owner", "admin")).toBe(true);
    expect(canChangeMember("developer", "viewer", null)).toBe(false);
    expect(invitableRoles("admin")).not.toContain("owner");
    expect(invitableRoles("owner")).toContain("owner");
    expect(invitableRoles("viewer")).toEqual([]);
  });

  it("team slugs never look like a personal one (an address)", () => {
    expect(TEAM_SLUG.test("acme-payments")).toBe(true);
    expect(TEAM_SLUG.test("ab")).toBe(false);
    expect(TEAM_SLUG.test("-acme")).toBe(false);
    expect(TEAM_SLUG.test("acme--pay")).toBe(false);
    expect(TEAM_SLUG.test("g".repeat(56))).toBe(false);
  });
});
