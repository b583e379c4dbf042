import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { limitSignIn } from "@/lib/api/rate-limit";
import type { ChallengeReason } from "@/lib/sep10/checks";
import { WEB_AUTH_PATH, webAuthService } from "@/lib/sep10/config";
import { issueWebAuthChallenge, redeemChallenge } from "@/lib/sep10/web-auth";
import { challengeQuerySchema, challengeResponseSchema, tokenRequestSchema, tokenResponseSchema } from "@/lib/validation/web-auth";
import { clientIp } from "../client-ip";
import { onlyMethods } from "../methods";
import { sendJson, sendProblem } from "../reply";

export const WEB_AUTH_MAX_BODY = 20_000;

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
    { retryAfter: limit.retryAfter },
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
          tags: ["Authentication"],
          summary: "Get a SEP-10 challenge",
          querystring: challengeQuerySchema,
          response: { 200: challengeResponseSchema },
        },
      },
      async (request, reply) => {
        if (await overLimit(reply, "challenge", clientIp(request))) return reply;
        const svc = webAuthService();
        const { account, memo, home_domain } = request.query;
        if (home_domain !== undefined && home_domain !== svc.homeDomain) {
          return sendProblem(reply, "invalid_query", `home_domain must be ${svc.homeDomain}, this server's home domain.`, {
            error: `home_domain must be ${svc.homeDomain}.`,
          });
        }
        return sendJson(reply, await issueWebAuthChallenge(svc, account, memo ?? null));
      },
    );
    typed.post(
      WEB_AUTH_PATH,
      {
        bodyLimit: WEB_AUTH_MAX_BODY,
        schema: {
          tags: ["Authentication"],
          summary: "Exchange a signed challenge for a token",
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
