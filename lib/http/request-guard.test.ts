import { describe, expect, it } from "vitest";
import { refuseRequest } from "./request-guard";

const KEY = "kp_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA123456";

describe("refuseRequest (before Next.js sees a request)", () => {
  it("answers URLs Next.js cannot decode, other methods and other targets with a 4xx", () => {
    expect(refuseRequest("GET", "/api/v1/%zz")?.status).toBe(400);
    expect(refuseRequest("GET", "/api/auth/callback/%E0%A4%A")?.status).toBe(400);
    expect(refuseRequest("TRACE", "/")).toMatchObject({ status: 405, headers: { Allow: expect.stringContaining("GET") } });
    expect(refuseRequest("OPTIONS", "*")?.status).toBe(400);
  });

  it("refuses a key anywhere in the URL, however it is encoded or named", () => {
    for (const url of [
      `/sign-in?api_key=${KEY}`,
      `/api/v1//${KEY}`,
      `/api/v1/${KEY.replace(/_/g, "%255F")}`,
      `/api/auth/signin?callbackUrl=${encodeURIComponent(`https://x.example/?k=${KEY}`)}`,
      "/api/v1/whoami?api.key=x",
      "/api/v1/whoami?apikey[]=x",
      "/api/v1/whoami?access_key=x",
      "/api/v1/whoami?Authorization=x",
    ]) {
      expect(refuseRequest("POST", url)?.code, url).toBe("key_in_url");
    }
  });

  it("lets ordinary requests through", () => {
    expect(refuseRequest("GET", "/settings/api-keys")).toBeNull();
    expect(refuseRequest("POST", "/sign-in?error=CredentialsSignin&code=rate_limited")).toBeNull();
  });
});
