import { describe, expect, it } from "vitest";
import { stellarToml } from "./stellar-toml";

describe("stellar.toml", () => {
  it("has the fields SEP-10 clients read, and escapes what configuration puts in strings", () => {
    const text = stellarToml({
      networkPassphrase: "Test SDF Network ; September 2015",
      signingKey: "GSERVER",
      webAuthEndpoint: "https://keys.example.com/api/v1/auth",
      org: { name: 'Acme "Keys"\\\n', url: "https://acme.example", description: "Keys for Acme" },
    });
    expect(text).toContain('WEB_AUTH_ENDPOINT = "https://keys.example.com/api/v1/auth"');
    expect(text).toContain('SIGNING_KEY = "GSERVER"');
    expect(text).toContain(
      '[DOCUMENTATION]\nORG_NAME = "Acme \\"Keys\\"\\\\\\u000a"\nORG_URL = "https://acme.example"\nORG_DESCRIPTION = "Keys for Acme"',
    );
    expect(text).not.toContain("ORG_SUPPORT_EMAIL");
  });
});
