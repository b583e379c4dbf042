import type { FastifyInstance } from "fastify";
import { env } from "@/lib/core/env";
import { STELLAR_TOML_PATH, webAuthService } from "@/lib/sep10/config";
import { stellarToml } from "@/lib/sep10/stellar-toml";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { onlyMethods } from "../methods";
import { routeDocs } from "../openapi/route-docs";

/**
 * SEP-1: how a Stellar client finds this server's web auth endpoint and signing key. Public,
 * readable from any origin (SEP-1 asks for `Access-Control-Allow-Origin: *`) and cacheable.
 */
export function stellarTomlRoute(app: FastifyInstance) {
  const docs = routeDocs({
    operationId: "stellarToml",
    tag: "Authentication",
    summary: "Discover the web auth endpoint (SEP-1)",
    description: "`NETWORK_PASSPHRASE`, `SIGNING_KEY`, `WEB_AUTH_ENDPOINT` and `[DOCUMENTATION]`, as TOML. Any origin may read it.",
    auth: "none",
    rateLimited: false,
    errors: ["method_not_allowed"],
    response: {
      description: "This server's stellar.toml.",
      text: true,
      example:
        'NETWORK_PASSPHRASE = "Public Global Stellar Network ; September 2015"\n' +
        'SIGNING_KEY = "GBWMCCC3NHSKLAOJDBKKYW7SSH2PFTTNVFKWSGLWGDLEBKLOVP5JLBBP"\n' +
        'WEB_AUTH_ENDPOINT = "https://keys.example.com/api/v1/auth"\n',
    },
  });
  app.get(STELLAR_TOML_PATH, { schema: docs }, (_request, reply) => {
    const svc = webAuthService();
    const body = stellarToml({
      networkPassphrase: svc.networkPassphrase,
      signingKey: svc.signingKey.publicKey(),
      webAuthEndpoint: svc.endpoint,
      org: {
        name: env.STELLAR_TOML_ORG_NAME,
        url: env.STELLAR_TOML_ORG_URL ?? env.publicOrigin,
        description: env.STELLAR_TOML_ORG_DESCRIPTION,
        supportEmail: env.SUPPORT_EMAIL,
      },
    });
    reply.hijack();
    reply.raw.writeHead(200, {
      ...SECURITY_HEADERS,
      "Content-Type": "text/plain; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=300",
      "Content-Length": Buffer.byteLength(body),
    });
    reply.raw.end(body);
    return reply;
  });
  onlyMethods(app, STELLAR_TOML_PATH, "GET");
}
