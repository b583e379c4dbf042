import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionRoutesFrom, checkActionRoute, loadActionRoutes } from "./action-routes";

// The shape of the build's manifests, cut down: requestChallenge is on the sign-in page and
// the dashboard pages; keyUsage only on a key's page; nothing is on the home page.
const references = {
  node: {
    aa01: { workers: { "app/(auth)/sign-in/page": {}, "app/(dashboard)/w/[slug]/api-keys/page": {} } },
    bb02: { workers: { "app/(dashboard)/w/[slug]/api-keys/[id]/page": {} } },
    cc03: { workers: { "app/(dashboard)/w/[slug]/new/page": {} } },
  },
};
const appPathRoutes = {
  "/page": "/",
  "/(auth)/sign-in/page": "/sign-in",
  "/(dashboard)/w/[slug]/api-keys/page": "/w/[slug]/api-keys",
  "/(dashboard)/w/[slug]/api-keys/[id]/page": "/w/[slug]/api-keys/[id]",
  "/(dashboard)/w/[slug]/new/page": "/w/[slug]/new",
  "/(dashboard)/w/new/api-keys/page": "/w/new/api-keys",
  "/docs/[[...rest]]/page": "/docs/[[...rest]]",
  "/api/v1/[...path]/route": "/api/v1/[...path]",
};
const table = actionRoutesFrom(references, appPathRoutes);

describe("which page offers which server action", () => {
  it("knows an action on the pages that show it, dynamic segments included", () => {
    expect(checkActionRoute(table, "aa01", "/sign-in")).toBe("ok");
    expect(checkActionRoute(table, "aa01", "/w/acme/api-keys")).toBe("ok");
    expect(checkActionRoute(table, "aa01", "/w/acme%20pay/api-keys")).toBe("ok");
    expect(checkActionRoute(table, "bb02", "/w/acme/api-keys/k_123")).toBe("ok");
  });

  it("says an action posted to another page is not offered there (Next.js would forward it, and fail)", () => {
    expect(checkActionRoute(table, "aa01", "/")).toBe("not_here");
    expect(checkActionRoute(table, "aa01", "/docs/anything")).toBe("not_here");
    expect(checkActionRoute(table, "bb02", "/w/acme/api-keys")).toBe("not_here");
    expect(checkActionRoute(table, "aa01", "/w/acme/api-keys/k_123/more")).toBe("not_here");
    expect(checkActionRoute(table, "aa01", "/nope")).toBe("not_here");
    expect(checkActionRoute(table, "aa01", "/w/%E0%A4%A/api-keys")).toBe("not_here");
  });

  it("resolves a path to the most specific page, as Next.js does: a static segment beats a dynamic one", () => {
    // /w/new/api-keys is its own page, which does not offer aa01, though /w/[slug]/api-keys does.
    expect(checkActionRoute(table, "aa01", "/w/new/api-keys")).toBe("not_here");
    expect(checkActionRoute(table, "cc03", "/w/acme/new")).toBe("ok");
  });

  it("tells an unknown id apart", () => {
    expect(checkActionRoute(table, "dd04", "/sign-in")).toBe("unknown");
  });

  it("reads the table from a build directory, and has none without a build (next dev)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-build-"));
    expect(loadActionRoutes(dir)).toBeNull();
    const built = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-build-"));
    fs.mkdirSync(path.join(built, "server"));
    fs.writeFileSync(path.join(built, "BUILD_ID"), "x");
    fs.writeFileSync(path.join(built, "server/server-reference-manifest.json"), JSON.stringify(references));
    fs.writeFileSync(path.join(built, "app-path-routes-manifest.json"), JSON.stringify(appPathRoutes));
    expect(checkActionRoute(loadActionRoutes(built)!, "aa01", "/sign-in")).toBe("ok");
  });
});
