import type { FastifyInstance } from "fastify";
import { env } from "@/lib/env";
import { STELLAR_TOML_PATH, webAuthService } from "@/lib/sep10/config";
import { stellarToml } from "@/lib/sep10/stellar-toml";
import { SECURITY_HEADERS } from "@/lib/server/security-headers";
import { onlyMethods } from "../methods";

/**
 * SEP-1: how a Stellar client finds this server's web auth endpoint and signing key. Public,
 * readable from any origin (SEP-1 asks for `Access-Control-Allow-Origin: *`) and cacheable.
 */
export function stellarTomlRoute(app: FastifyInstance) {
  app.get(STELLAR_TOML_PATH, { schema: { hide: true } }, (_request, reply) => {
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
