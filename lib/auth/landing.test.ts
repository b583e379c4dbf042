import { describe, expect, it } from "vitest";
import { landingFor, safeNext, signInUrl } from "./landing";

describe("where sign-in lands", () => {
  it("goes back to a page of this site, with its query", () => {
    expect(safeNext("/w/acme/api-keys")).toBe("/w/acme/api-keys");
    expect(safeNext("/admin/users?filter=pending")).toBe("/admin/users?filter=pending");
  });

  it("never leaves the site, loops on sign-in, or lands on an API route", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "settings",
      "/sign-in",
      "/sign-in?next=/x",
      "/api/auth/signout",
      "/settings\n/x",
      "/caf\u00e9",
      "/" + "a".repeat(600),
      null,
      42,
      ["/settings"],
    ]) {
      expect(safeNext(bad), String(bad)).toBeNull();
    }
  });

  it("puts admins on the admin console and everyone else on their keys", () => {
    expect(landingFor({ isAdmin: true }, { slug: "gabc" })).toBe("/admin");
    expect(landingFor({ isAdmin: false }, { slug: "gabc" })).toBe("/w/gabc/api-keys");
    expect(landingFor({ isAdmin: false }, null)).toBe("/settings/api-keys");
  });

  it("builds the sign-in URL with the way back and the reason the session ended", () => {
    expect(signInUrl("/w/acme/members")).toBe("/sign-in?next=%2Fw%2Facme%2Fmembers");
    expect(signInUrl("/settings/profile", "expired")).toBe("/sign-in?ended=expired&next=%2Fsettings%2Fprofile");
    expect(signInUrl("//evil.example", "suspended")).toBe("/sign-in?ended=suspended");
    expect(signInUrl(null)).toBe("/sign-in");
  });
});
