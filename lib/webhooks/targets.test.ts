import { describe, expect, it } from "vitest";
import { isPublicAddress, targetRefusal } from "./targets";

describe("webhook targets", () => {
  it("takes public unicast addresses only", () => {
    for (const ip of ["8.8.8.8", "93.184.216.34", "2606:4700::1111"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fd00:ec2::254",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:169.254.169.254",
      // IPv4-compatible (deprecated) forms that ipaddr.js calls unicast: not global unicast.
      "::7f00:1",
      "::a00:1",
      "not an address",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("refuses a URL that is not http(s), or names a private address or localhost, unless allowed", () => {
    expect(targetRefusal("https://example.com/hooks", false)).toBeNull();
    expect(targetRefusal("ftp://example.com/", false)).toMatchObject({ code: "invalid_url" });
    expect(targetRefusal("https://example.com/#x", false)).toMatchObject({ code: "invalid_url" });
    expect(targetRefusal("nope", false)).toMatchObject({ code: "invalid_url" });
    for (const url of [
      "http://127.0.0.1:3000/",
      "http://[::1]/",
      "http://169.254.169.254/latest",
      "http://localhost/",
      "http://app.localhost/",
    ]) {
      expect(targetRefusal(url, false), url).toMatchObject({ code: "private_target" });
      expect(targetRefusal(url, true), url).toBeNull();
    }
  });
});
