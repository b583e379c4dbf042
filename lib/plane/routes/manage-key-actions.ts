import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getKeyDetail } from "@/lib/data/keys/detail";
import { rotateKey } from "@/lib/data/keys/lifecycle";
import { ownKeyUsage } from "@/lib/data/usage/counts";
import { toKeyView } from "@/lib/keys/view";
import { keyUsageSchema, rotateKeySchema } from "@/lib/validation/api-key";
import { keyParams, rotateKeyBody, rotatedKeyResponseSchema, usageQuery, usageResponseSchema } from "@/lib/validation/manage";
import { recordId } from "@/lib/validation/text";
import { bearerOnly, callerOf, memberOf, sendInvalid, sendRefusal, stepUpRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_KEY_PATH, EXAMPLE_KEY_VIEW } from "../openapi/examples";
import { KEY_WRITE_ERRORS, routeDocs, WORKSPACE_ERRORS } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";
import { MANAGE_MAX_BODY, overCreationLimit } from "./manage-keys";

const NO_KEY = "That key does not exist in this workspace.";
const ROTATE = "/api/v1/workspaces/:slug/keys/:id/rotate";
const USAGE = "/api/v1/workspaces/:slug/keys/:id/usage";

/** Rotating a key (the new one shown once) and reading its usage, as on the key's page. */
export function manageKeyActionsRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    ROTATE,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...routeDocs({
          operationId: "rotateKey",
          tag: "Management",
          summary: "Rotate a key (the new one shown once)",
          description:
            "A new secret under every rule of the old key; the old one works for `overlap`. A Mainnet key needs a high-threshold token.",
          auth: "sep10Token",
          rateLimited: false,
          errors: [...KEY_WRITE_ERRORS, "step_up_required", "rate_limited"],
          examplePath: `${EXAMPLE_KEY_PATH}/rotate`,
          requestExample: { overlap: "24h" },
          response: {
            description: "The new key, its plaintext once, and the old key (working until the overlap ends).",
            example: {
              key: { ...EXAMPLE_KEY_VIEW, id: "cmabc123def456ghi789jkl1" },
              plaintext: "kp_test_…",
              oldKey: { ...EXAMPLE_KEY_VIEW, expiresAt: "2026-12-08T10:00:00.000Z" },
            },
          },
        }),
        params: keyParams,
        body: rotateKeyBody,
        response: { 200: rotatedKeyResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const input = rotateKeySchema.safeParse({ ...request.body, workspaceId: member.workspace.id, keyId: request.params.id });
      if (!input.success) {
        return input.error.issues.some((i) => i.path[0] === "keyId")
          ? sendProblem(reply, "not_found", NO_KEY)
          : sendInvalid(reply, input.error);
      }
      const { workspaceId, keyId, overlap } = input.data;
      const current = await getKeyDetail(workspaceId, member.userId, keyId);
      if (!current) return sendProblem(reply, "not_found", NO_KEY);
      if (stepUpRefusal(reply, caller, { action: "key.rotate", network: current.key.network }, "Rotating a Mainnet key")) return reply;
      if (await overCreationLimit(reply, caller.actor.id)) return reply;
      const rotated = await rotateKey(caller.actor, workspaceId, keyId, overlap);
      if (!rotated.ok) return sendRefusal(reply, rotated, caller);
      const { key, plaintext, oldKey } = rotated.data;
      return sendJson(reply, { key: toKeyView(key), plaintext, oldKey: toKeyView(oldKey) });
    },
  );
  typed.get(
    USAGE,
    {
      onRequest: bearerOnly,
      schema: {
        ...routeDocs({
          operationId: "keyUsage",
          tag: "Management",
          summary: "A key's usage",
          description: "Requests per hour (`24h`) or day (`7d`, `30d`) by outcome, and the latest requests.",
          auth: "sep10Token",
          rateLimited: false,
          errors: WORKSPACE_ERRORS,
          examplePath: `${EXAMPLE_KEY_PATH}/usage?range=7d`,
          response: {
            description: "The key's usage.",
            example: { range: "7d", series: [{ at: "2026-12-07T00:00:00.000Z", success: 120, refused: 2 }], recent: [] },
          },
        }),
        params: keyParams,
        querystring: usageQuery,
        response: { 200: usageResponseSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const input = keyUsageSchema.safeParse({ keyId: request.params.id, range: request.query.range });
      const inWorkspace = recordId.safeParse(request.params.id).success
        ? await getKeyDetail(member.workspace.id, member.userId, request.params.id)
        : null;
      if (!inWorkspace || !input.success) return sendProblem(reply, "not_found", NO_KEY);
      const usage = await ownKeyUsage(member.userId, input.data.keyId, input.data.range);
      if (!usage) return sendProblem(reply, "not_found", NO_KEY);
      return sendJson(reply, usage);
    },
  );
  onlyMethods(app, ROTATE, "POST");
  onlyMethods(app, USAGE, "GET");
}
