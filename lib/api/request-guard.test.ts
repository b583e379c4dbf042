import { describe, expect, it } from "vitest";
import { KEY_IN_URL_REFUSAL } from "./key-in-url";
import { refuseRequest } from "./request-guard";

const KEY = "kp_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA123456";

describe("refuseRequest (before Next.js sees a request)", () => {
  it("answers URLs Next.js cannot decode, other methods and other targets with a 4xx", () => {
    expect(refuseRequest("GET", "/api/v1/%zz")?.status).toBe(400);
    expect(refuseRequest("GET", "/api/auth/callback/%E0%A4%A")?.status).toBe(400);
    expect(refuseRequest("TRACE", "/")).toMatchObject({ status: 405, headers: { Allow: expect.stringContaining("GET") } });
    expect(refuseRequest("OPTIONS", "*")?.status).toBe(400);
  });

  // Which names and encodings count as a key: key-in-url.test.ts. Here: that the rule guards every
  // target and method, not only the API, and only after the URL is known to decode.
  it("refuses a key in the URL of any page or route, whatever the method, with the one refusal", () => {
    for (const [method, target] of [
      ["GET", "/api/v1/whoami?api_key=x"],
      ["POST", `/sign-in?q=${KEY}`],
      ["GET", `/settings/api-keys/${KEY}`],
      ["DELETE", `/api/auth/session?token=x`],
      ["HEAD", `/?apiKey=x`],
    ] as const) {
      expect(refuseRequest(method, target), `${method} ${target}`).toEqual(KEY_IN_URL_REFUSAL);
    }
  });

  it("judges an undecodable URL as malformed, not as a key", () => {
    expect(refuseRequest("GET", "/api/v1/%zz?api_key=x")?.code).toBe("bad_request");
  });

  it("lets ordinary requests through", () => {
    expect(refuseRequest("GET", "/settings/api-keys")).toBeNull();
    expect(refuseRequest("POST", "/sign-in?error=CredentialsSignin&code=rate_limited")).toBeNull();
  });
});
