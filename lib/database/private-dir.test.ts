import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makePrivate } from "./private-dir";

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("makePrivate", () => {
  it("creates a missing directory 0700", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kp-priv-")), "data");
    expect(makePrivate(dir)).toBe(0);
    expect(mode(dir)).toBe(0o700);
  });

  it("closes a world-readable tree: directories 0700, files 0600, and says how many it fixed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-priv-"));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, "pglite", "base"), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.join(dir, "pglite"), 0o755);
    fs.writeFileSync(path.join(dir, "pglite", "base", "1"), "rows", { mode: 0o644 });
    fs.writeFileSync(path.join(dir, "auth-secret"), "s", { mode: 0o600 });
    expect(makePrivate(dir)).toBe(4);
    expect([mode(dir), mode(path.join(dir, "pglite")), mode(path.join(dir, "pglite", "base"))]).toEqual([0o700, 0o700, 0o700]);
    expect(mode(path.join(dir, "pglite", "base", "1"))).toBe(0o600);
    expect(makePrivate(dir)).toBe(0);
  });
});
