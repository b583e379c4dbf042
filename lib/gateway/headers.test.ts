import { describe, expect, it } from "vitest";
import { clientResponseHeaders, upstreamRequestHeaders } from "./headers";

const identity = { keyId: "key_1", workspace: "acme", network: "testnet", scopes: ["escrows:read", "escrows:write"] };
const hop = { clientIp: "203.0.113.7", proto: "https" as const, host: "keys.example.com" };

describe("upstreamRequestHeaders", () => {
  it("drops the key, hop-by-hop headers and any the Connection header names, and every identity header the client wrote", () => {
    const out = upstreamRequestHeaders(
      {
        "x-api-key": "kp_test_secret",
        host: "keys.example.com",
        connection: "keep-alive, X-Private",
        "x-private": "hop",
        "keep-alive": "timeout=5",
        te: "trailers",
        upgrade: "websocket",
        "transfer-encoding": "chunked",
        "X-Keyport-Key-Id": "forged",
        "x-keyport-admin": "true",
        "x-internal-ip": "1.2.3.4",
        accept: "application/json",
      },
      identity,
      hop,
      ["x-internal-ip"],
    );
    expect(out).toEqual({
      accept: "application/json",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "keys.example.com",
      forwarded: "for=203.0.113.7;host=keys.example.com;proto=https",
      "x-request-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "x-keyport-key-id": "key_1",
      "x-keyport-workspace": "acme",
      "x-keyport-network": "testnet",
      "x-keyport-scopes": "escrows:read escrows:write",
    });
  });

  it("vouches only for the address Keyport found, quoting IPv6 in Forwarded", () => {
    const out = upstreamRequestHeaders(
      { "x-forwarded-for": "198.51.100.1", forwarded: "for=198.51.100.1" },
      identity,
      { ...hop, clientIp: "2001:db8::1" },
      [],
    );
    expect(out["x-forwarded-for"]).toBe("2001:db8::1");
    expect(out.forwarded).toBe('for="[2001:db8::1]";host=keys.example.com;proto=https');
  });

  it("passes a sane request id through and replaces one that is not", () => {
    expect(upstreamRequestHeaders({ "x-request-id": "abc-123" }, identity, hop, [])["x-request-id"]).toBe("abc-123");
    expect(upstreamRequestHeaders({ "x-request-id": "bad id\twith spaces" }, identity, hop, [])["x-request-id"]).not.toContain(" ");
  });
});

describe("clientResponseHeaders", () => {
  it("passes the upstream's headers without its hop-by-hop ones", () => {
    expect(
      clientResponseHeaders({
        "content-type": "application/json",
        connection: "close",
        "transfer-encoding": "chunked",
        "set-cookie": ["a=1", "b=2"],
      }),
    ).toEqual({
      "content-type": "application/json",
      "set-cookie": ["a=1", "b=2"],
    });
  });
});
