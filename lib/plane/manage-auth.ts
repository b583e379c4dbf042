// The management API's guard and answers: a SEP-10 token as the bearer, the caller's workspace
// by slug (404 for one they are not in, as the screens), and the key rules' refusals as problems.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { findMember, NO_WORKSPACE, type Member } from "@/lib/data/workspaces/access";
import { bearerCaller, type ApiCaller } from "@/lib/sep10/bearer";
import { webAuthService } from "@/lib/sep10/config";
import { needsStepUp, type StepUpCase } from "@/lib/wallets/step-up";
import { clientIp } from "./client-ip";
import { sendProblem } from "./reply";

declare module "fastify" {
  interface FastifyRequest {
    apiCaller?: ApiCaller;
  }
}

/** Before the body is read: a live token of a Keyport user (every request re-checks suspension and sign-outs). */
export async function bearerOnly(request: FastifyRequest, reply: FastifyReply) {
  const caller = await bearerCaller(request.headers.authorization, webAuthService().endpoint, clientIp(request));
  if (!caller) {
    return sendProblem(
      reply,
      "unauthorized",
      "Send a SEP-10 token as `Authorization: Bearer <token>`: get one from WEB_AUTH_ENDPOINT (see /.well-known/stellar.toml). " +
        "Tokens expire, and end when the user signs out everywhere or is suspended.",
      {},
      { "WWW-Authenticate": 'Bearer realm="keyport", error="invalid_token"' },
    );
  }
  request.apiCaller = caller;
}

export const callerOf = (request: FastifyRequest): ApiCaller => request.apiCaller!;

/** The caller's membership of the workspace in the path; a 404 (sent) when they are not a member. */
export async function memberOf(request: FastifyRequest, slug: string, reply: FastifyReply): Promise<Member | null> {
  const member = await findMember(callerOf(request).actor.id, { slug });
  if (!member) sendProblem(reply, "not_found", NO_WORKSPACE.message);
  return member;
}

/**
 * The changes the browser signs a receipt for (lib/wallets/step-up.ts, the one list) need a token
 * that met the account's high threshold here; null when this one may. Checked again under the
 * data layer's locks (lib/data/step-up/gate.ts), where a refusal comes back through sendRefusal.
 */
export function stepUpRefusal(reply: FastifyReply, caller: ApiCaller, change: StepUpCase, what: string) {
  if (caller.threshold === "high" || !needsStepUp(change)) return null;
  return sendStepUp(reply, caller.threshold, what);
}

function sendStepUp(reply: FastifyReply, threshold: ApiCaller["threshold"], what: string) {
  return sendProblem(
    reply,
    "step_up_required",
    `${what} needs a token whose signatures met the account's high threshold; this one met ${threshold}. ` +
      "Sign a new challenge with enough of the account's signers.",
    { requiredThreshold: "high", tokenThreshold: threshold },
  );
}

/** A refusal from lib/data, answered as the screens word it. */
export function sendRefusal(reply: FastifyReply, failure: { code: string; message: string; account?: string }, caller?: ApiCaller) {
  // A workspace linked to a multisig account (lib/data/approvals/gate.ts): the token must be that account's.
  if (failure.code === "step_up_required" && failure.account)
    return sendProblem(
      reply,
      "step_up_required",
      `${failure.message} Sign a challenge for ${failure.account} with enough of its signers.`,
      {
        requiredThreshold: "high",
        tokenThreshold: caller?.threshold ?? "low",
        linkedAccount: failure.account,
      },
    );
  if (failure.code === "step_up_required") return sendStepUp(reply, caller?.threshold ?? "low", "This change");
  if (failure.code === "not_found") return sendProblem(reply, "not_found", failure.message);
  if (failure.code === "forbidden") return sendProblem(reply, "forbidden", failure.message);
  // A webhook URL the rules refuse is a bad value of the request; the endpoint cap is a rule.
  if (failure.code === "invalid_url" || failure.code === "private_target") return sendProblem(reply, "invalid_request", failure.message);
  if (
    failure.code === "too_many_endpoints" ||
    failure.code === "endpoint_off" ||
    failure.code === "rotation_in_progress" ||
    failure.code === "too_many_waiting"
  )
    return sendProblem(reply, "webhook_refused", failure.message, { reason: failure.code });
  return sendProblem(reply, "key_refused", failure.message, { reason: failure.code });
}

export const sendInvalid = (reply: FastifyReply, error: z.ZodError) =>
  sendProblem(
    reply,
    "invalid_request",
    error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join(" "),
  );
