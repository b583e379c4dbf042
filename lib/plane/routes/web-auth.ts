import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { limitSignIn } from "@/lib/limits/limits";
import type { ChallengeReason } from "@/lib/sep10/checks";
import { clientSigningKey, type ClientDomainRefusal } from "@/lib/sep10/client-domain";
import { WEB_AUTH_PATH, webAuthService } from "@/lib/sep10/config";
import { issueWebAuthChallenge, redeemChallenge } from "@/lib/sep10/web-auth";
import { challengeQuerySchema, challengeResponseSchema, tokenRequestSchema, tokenResponseSchema } from "@/lib/validation/web-auth";
import { clientIp } from "../client-ip";
import { onlyMethods } from "../methods";
import { EXAMPLE_OWNER } from "../openapi/examples";
import { routeDocs } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";

export const WEB_AUTH_MAX_BODY = 20_000;

const CLIENT_DOMAIN_REFUSALS: Record<ClientDomainRefusal, string> = {
  client_domain_invalid: "client_domain must be a host name, with a port if it needs one (e.g. wallet.example.com), and nothing else.",
  client_domain_not_public: "client_domain must resolve to public addresses only: this server does not fetch from private networks.",
  client_domain_unreachable:
    "client_domain's stellar.toml could not be read over https (https://<client_domain>/.well-known/stellar.toml).",
  client_domain_no_signing_key: "client_domain's stellar.toml has no SIGNING_KEY (a G… account), so its signature cannot be asked for.",
};

const REASONS: Record<ChallengeReason, string> = {
  malformed: "The transaction is not a SEP-10 challenge transaction (base64 XDR of a challenge from this server).",
  wrong_server_key: "The challenge's source account is not this server's SIGNING_KEY (see /.well-known/stellar.toml).",
  wrong_network: "The challenge was signed for another network than this server's NETWORK_PASSPHRASE.",
  wrong_home_domain: "The challenge's first operation does not name this server's home domain.",
  wrong_web_auth_domain: "The challenge's web_auth_domain is not this server's web auth domain.",
  extra_operations: "The challenge has operations this server did not put there.",
  not_issued: "This server did not issue that challenge transaction: get one with GET and sign it unchanged.",
  replayed: "That challenge was already used: a challenge is good for one attempt. Get a new one.",
  expired: "The challenge expired (5 minutes): get a new one.",
  missing_client_signature: "The challenge carries no signature of the account: sign it with the account's key.",
  missing_client_domain_signature:
    "The challenge names a client_domain, and that domain's SIGNING_KEY has not signed it: have the client domain's server sign it too.",
  unknown_signature: "The challenge carries a signature that is not one of the account's signers.",
  weight_below_threshold: "The signatures' combined weight is below the account's low threshold: gather more signers.",
};

/** SEP-10 clients read `error`; everyone else reads the problem's `code`, `reason` and `detail`. */
const refuse = (reply: FastifyReply, reason: ChallengeReason) =>
  sendProblem(reply, "invalid_challenge", REASONS[reason], { reason, error: REASONS[reason] });

async function overLimit(reply: FastifyReply, step: "challenge" | "verify", ip: string | null) {
  const limit = await limitSignIn(step, ip);
  if (limit.ok) return false;
  sendProblem(
    reply,
    "rate_limited",
    `Too many ${step === "challenge" ? "challenges" : "attempts"} from your address. Try again in ${limit.retryAfter} s.`,
    // The wait is in Retry-After, as on every rate_limited answer of /api/v1 (one documented shape).
    {},
    { "Retry-After": String(limit.retryAfter) },
  );
  return true;
}

/**
 * SEP-10 web authentication (v3.4) for programs: GET a challenge for an account, sign it, POST
 * it back (JSON or a form) for a short-lived token that the management API takes as a bearer.
 */
export function webAuthRoute(app: FastifyInstance) {
  app.register(async (scoped) => {
    // SEP-10 says a form body must work as well as JSON (the plane reads any other type as JSON).
    scoped.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const typed = scoped.withTypeProvider<ZodTypeProvider>();
    typed.get(
      WEB_AUTH_PATH,
      {
        schema: {
          ...routeDocs({
            operationId: "getChallenge",
            tag: "Authentication",
            summary: "Get a SEP-10 challenge",
            description:
              "A challenge transaction for `account`, signed by `SIGNING_KEY`, valid 5 minutes. Sign it with the account's key(s); never submit it.",
            auth: "none",
            rateLimited: false,
            errors: [
              "invalid_request",
              "invalid_query",
              "invalid_client_domain",
              "rate_limited",
              "method_not_allowed",
              "internal",
              "unavailable",
            ],
            examplePath: `${WEB_AUTH_PATH}?account=${EXAMPLE_OWNER}`,
            response: {
              description: "The challenge and the network it is for.",
              example: { transaction: "AAAAAgAAAAD…", network_passphrase: "Public Global Stellar Network ; September 2015" },
            },
          }),
          querystring: challengeQuerySchema,
          response: { 200: challengeResponseSchema },
        },
      },
      async (request, reply) => {
        if (await overLimit(reply, "challenge", clientIp(request))) return reply;
        const svc = webAuthService();
        const { account, memo, home_domain, client_domain } = request.query;
        if (home_domain !== undefined && home_domain !== svc.homeDomain) {
          // The documented invalid_query shape, as for the query's other mistakes (no SEP-10 `error` member here).
          return sendProblem(reply, "invalid_query", `home_domain must be ${svc.homeDomain}, this server's home domain.`);
        }
        let client = null;
        if (client_domain !== undefined) {
          const found = await clientSigningKey(client_domain, { insecure: svc.clientDomainInsecure });
          if (!found.ok) {
            const detail = CLIENT_DOMAIN_REFUSALS[found.reason];
            return sendProblem(reply, "invalid_client_domain", detail, { reason: found.reason, error: detail });
          }
          client = { domain: found.domain, key: found.key };
        }
        return sendJson(reply, await issueWebAuthChallenge(svc, account, memo ?? null, client));
      },
    );
    typed.post(
      WEB_AUTH_PATH,
      {
        bodyLimit: WEB_AUTH_MAX_BODY,
        schema: {
          ...routeDocs({
            operationId: "getToken",
            tag: "Authentication",
            summary: "Exchange a signed challenge for a token",
            description:
              "JSON or `application/x-www-form-urlencoded`. Every check of SEP-10's Token section; for an account that exists its signers and " +
              "thresholds are read from Horizon, and the token records the highest threshold met (`low`, `medium`, `high`). Single use.",
            auth: "none",
            rateLimited: false,
            errors: [
              "invalid_challenge",
              "invalid_json",
              "invalid_request",
              "body_too_large",
              "rate_limited",
              "horizon_unavailable",
              "method_not_allowed",
              "internal",
              "unavailable",
            ],
            requestExample: { transaction: "AAAAAgAAAAD…" },
            response: {
              description: "A JWT to send as Authorization: Bearer.",
              example: { token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…" },
            },
          }),
          body: tokenRequestSchema,
          response: { 200: tokenResponseSchema },
        },
      },
      async (request, reply) => {
        if (await overLimit(reply, "verify", clientIp(request))) return reply;
        const result = await redeemChallenge(webAuthService(), request.body.transaction);
        if (result.ok) return sendJson(reply, { token: result.token });
        if (result.reason === "horizon_unavailable") {
          const detail =
            "Horizon could not be reached to read the account's signers, so no token was issued. Get a new challenge and retry.";
          return sendProblem(reply, "horizon_unavailable", detail, { error: detail }, { "Retry-After": "5" });
        }
        return refuse(reply, result.reason);
      },
    );
  });
  onlyMethods(app, WEB_AUTH_PATH, "GET", "POST");
}
