import { describe, expect, it } from "vitest";
import { ipAllowed, parseAllowlistEntry, splitAllowlist } from "./ip-allowlist";

describe("IP allowlist entries", () => {
  it("accepts addresses and ranges in their canonical form", () => {
    expect(parseAllowlistEntry(" 203.0.113.7 ")).toEqual({ ok: true, value: "203.0.113.7" });
    expect(parseAllowlistEntry("10.0.0.0/8")).toEqual({ ok: true, value: "10.0.0.0/8" });
    expect(parseAllowlistEntry("2001:DB8:0:0::/32")).toEqual({ ok: true, value: "2001:db8::/32" });
    expect(parseAllowlistEntry("::1")).toEqual({ ok: true, value: "::1" });
  });

  it("refuses what is not an address or range, and host bits past the prefix, naming the entry", () => {
    expect(parseAllowlistEntry("example.com")).toMatchObject({
      ok: false,
      message: expect.stringContaining("example.com is not an IP address"),
    });
    expect(parseAllowlistEntry("300.1.1.1")).toMatchObject({ ok: false });
    expect(parseAllowlistEntry("10.0.0.0/33")).toMatchObject({ ok: false });
    expect(parseAllowlistEntry("10.0.0.5/8")).toMatchObject({ ok: false, message: expect.stringContaining("did you mean 10.0.0.0/8") });
    expect(parseAllowlistEntry("1.2.3.4\u0000")).toMatchObject({ ok: false });
  });

  it("splits on commas, spaces and new lines", () => {
    expect(splitAllowlist("10.0.0.0/8, 203.0.113.7\n2001:db8::/32  ")).toEqual(["10.0.0.0/8", "203.0.113.7", "2001:db8::/32"]);
  });
});

describe("matching a client", () => {
  const list = ["10.0.0.0/8", "203.0.113.7", "2001:db8::/32"];

  it("allows addresses inside a range or equal to an address, v4 and v6", () => {
    expect(ipAllowed(list, "10.200.3.4")).toBe(true);
    expect(ipAllowed(list, "203.0.113.7")).toBe(true);
    expect(ipAllowed(list, "2001:db8:1::9")).toBe(true);
    expect(ipAllowed(list, "203.0.113.8")).toBe(false);
    expect(ipAllowed(list, "2001:db9::1")).toBe(false);
    expect(ipAllowed(list, "11.0.0.1")).toBe(false);
  });

  it("treats IPv4-mapped IPv6 clients as IPv4", () => {
    expect(ipAllowed(["127.0.0.1"], "::ffff:127.0.0.1")).toBe(true);
    expect(ipAllowed(["127.0.0.0/8"], "::ffff:127.0.0.2")).toBe(true);
    expect(ipAllowed(["127.0.0.1"], "::ffff:127.0.0.2")).toBe(false);
  });

  it("allows everyone without a list, and nobody unknown with one", () => {
    expect(ipAllowed([], null)).toBe(true);
    expect(ipAllowed(list, null)).toBe(false);
    expect(ipAllowed(list, "garbage")).toBe(false);
  });
});
