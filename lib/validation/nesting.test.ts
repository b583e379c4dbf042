import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./nesting";

describe("nestsDeeperThan", () => {
  it("measures arrays and objects, mixed", () => {
    expect(nestsDeeperThan("[[[1]]]", 3)).toBe(false);
    expect(nestsDeeperThan("[[[[1]]]]", 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]},"c":[2]}', 3)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan(JSON.stringify({ a: "[[[[[[[[", b: 'say "{{{{{{"' }), 2)).toBe(false);
  });

  it("stops early on a 200 kB attack", () => {
    expect(nestsDeeperThan("[".repeat(100_000) + "]".repeat(100_000), 64)).toBe(true);
  });
});
