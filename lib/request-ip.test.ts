import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./request-ip";

const h = (xff?: string, real?: string) => new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...(real ? { "x-real-ip": real } : {}) });

describe("clientIpFrom", () => {
  it("takes the address the trusted proxy appended, ignoring what the client wrote before it", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(h("1.1.1.1, 2.2.2.2, 203.0.113.9"), 1)).toBe("203.0.113.9");
  });

  it("counts several proxies from the right", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientIpFrom(h("203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("falls back to X-Real-IP, else nothing", () => {
    expect(clientIpFrom(h(undefined, "198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientIpFrom(h(), 1)).toBeNull();
    expect(clientIpFrom(h(" , "), 1)).toBeNull();
  });
});
