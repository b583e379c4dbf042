import { describe, expect, it } from "vitest";
import { ACTION_OPTIONS, AUDIT_ACTION_CODES, actionLabel } from "./actions";

describe("audit action labels", () => {
  it("reads an action in words and leaves one it does not know as its raw name", () => {
    expect(actionLabel("admin.key.disable")).toBe("Disabled key (admin)");
    expect(actionLabel("admin.user.suspend")).toBe("Suspended user");
    expect(actionLabel("key.teleport")).toBe("key.teleport");
    expect(actionLabel("toString")).toBe("toString");
  });

  it("offers every action exactly once in the filter, each with its own words", () => {
    const offered = ACTION_OPTIONS.flatMap((g) => g.actions.map((a) => a.code));
    expect(offered.toSorted()).toEqual([...AUDIT_ACTION_CODES].toSorted());
    const labels = ACTION_OPTIONS.flatMap((g) => g.actions.map((a) => a.label));
    expect(new Set(labels).size).toBe(labels.length);
  });
});
