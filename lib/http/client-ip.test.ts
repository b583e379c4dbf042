import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

describe("clientIpFrom", () => {
  it("with no proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    expect(clientIpFrom("6.6.6.6", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFrom("6.6.6.6, 7.7.7.7", "::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "2001:db8::1", 0)).toBe("2001:db8::1");
  });

  it("behind one proxy, takes the address that proxy appended and ignores what the client wrote before it", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientIpFrom("203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
  });

  it("counts several proxies from the right, never past the start of the chain", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.9, 10.0.0.3", "10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "10.0.0.2", 3)).toBe("10.0.0.2");
  });

  it("without a socket (no custom server), the last X-Forwarded-For entry stands in for it", () => {
    expect(clientIpFrom("6.6.6.6, 198.51.100.4", null, 0)).toBe("198.51.100.4");
    expect(clientIpFrom(" , ", null, 0)).toBeNull();
  });
});
