import { describe, expect, it } from "vitest";
import type { KeysPayload, KeyView } from "@/lib/keys/view";
import { withKeys } from "./use-keys";

const key = (id: string, status: KeyView["status"]) => ({ id, status, name: id }) as KeyView;
const payload = (keys: KeyView[], active: number) => ({ keys, usage: {}, context: { active, limit: 10 } }) as unknown as KeysPayload;

describe("withKeys: a key action's answer put into the cached list", () => {
  it("puts a new key first and replaces a changed one in place", () => {
    const next = withKeys(payload([key("b", "active"), key("a", "active")], 2), [key("c", "active"), key("a", "disabled")]);
    expect(next.keys.map((k) => [k.id, k.status])).toEqual([
      ["c", "active"],
      ["b", "active"],
      ["a", "disabled"],
    ]);
  });

  it("re-counts the keys under the cap from the list: revoked and expired ones leave it, disabled and rotating ones stay", () => {
    const old = payload([key("a", "active"), key("b", "active"), key("c", "expired")], 2);
    expect(withKeys(old, [key("a", "revoked")]).context.active).toBe(1);
    expect(withKeys(old, [key("a", "disabled")]).context.active).toBe(2);
    // A rotation answers with the new key and the old one, now rotating: both count.
    expect(withKeys(old, [key("d", "active"), key("a", "rotating")]).context.active).toBe(3);
  });
});
