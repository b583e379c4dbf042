import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { limitKeyCreation } from "@/lib/limits/limits";
import { listKeys } from "@/lib/data/keys/list";
import { createKey } from "@/lib/data/keys/lifecycle";
import { toKeyView } from "@/lib/keys/view";
import { offeredKeyScopes } from "@/lib/gateway/config";
import { requestKeySchemaFor } from "@/lib/validation/api-key";
import { createKeyBody, keyListSchema, newKeyResponseSchema, workspaceParams } from "@/lib/validation/manage";
import { bearerOnly, callerOf, memberOf, sendInvalid, sendRefusal, stepUpRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_KEY_VIEW, EXAMPLE_WORKSPACE_PATH } from "../openapi/examples";
import { KEY_WRITE_ERRORS, routeDocs, WORKSPACE_ERRORS } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";

const PATH = "/api/v1/workspaces/:slug/keys";
export const MANAGE_MAX_BODY = 16_384;

/** Key creation and rotation share the screens' per-user hourly budget; true when it is spent (answered). */
export async function overCreationLimit(reply: Parameters<typeof sendProblem>[0], userId: string) {
  const limit = await limitKeyCreation(userId);
  if (limit.ok) return false;
  sendProblem(
    reply,
    "rate_limited",
    `You created ${limit.limit} keys in the last hour, the most allowed. Try again in ${Math.ceil(limit.retryAfter / 60)} min.`,
    {},
    { "Retry-After": String(limit.retryAfter) },
  );
  return true;
}

/** A workspace's keys, and a new one: the screens' rules, through lib/data/key-lifecycle.ts. */
export function manageKeysRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    PATH,
    {
      onRequest: bearerOnly,
      schema: {
        ...routeDocs({
          operationId: "listKeys",
          tag: "Management",
          summary: "List a workspace's keys",
          description: "Every key of the workspace, as its API keys page shows them (never a secret).",
          auth: "sep10Token",
          rateLimited: false,
          errors: WORKSPACE_ERRORS,
          examplePath: `${EXAMPLE_WORKSPACE_PATH}/keys`,
          response: { description: "The keys, newest first.", example: { data: [EXAMPLE_KEY_VIEW] } },
        }),
        params: workspaceParams,
        response: { 200: keyListSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      return sendJson(reply, { data: (await listKeys(member.workspace.id)).map(toKeyView) });
    },
  );
  typed.post(
    PATH,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...routeDocs({
          operationId: "createKey",
          tag: "Management",
          summary: "Create a key (shown once)",
          description:
            "The rules of the API keys page: your role, your use case, the cap, Mainnet approval. A Mainnet key needs a high-threshold token. " +
            "The key is in this response only.",
          auth: "sep10Token",
          rateLimited: false,
          errors: [...KEY_WRITE_ERRORS, "step_up_required", "rate_limited"],
          examplePath: `${EXAMPLE_WORKSPACE_PATH}/keys`,
          requestExample: { network: "testnet", name: "ci-deploy", scopes: ["escrows:read"], expiry: "90" },
          response: {
            status: 201,
            description: "The key, and its plaintext once.",
            example: { key: EXAMPLE_KEY_VIEW, plaintext: "kp_test_…" },
          },
        }),
        params: workspaceParams,
        body: createKeyBody,
        response: { 201: newKeyResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const input = requestKeySchemaFor(offeredKeyScopes()).safeParse({ ...request.body, workspaceId: member.workspace.id });
      if (!input.success) return sendInvalid(reply, input.error);
      const { workspaceId, ...key } = input.data;
      if (stepUpRefusal(reply, caller, { action: "key.create", network: key.network }, "Creating a Mainnet key")) return reply;
      if (await overCreationLimit(reply, caller.actor.id)) return reply;
      const created = await createKey(caller.actor, workspaceId, key);
      if (!created.ok) return sendRefusal(reply, created, caller);
      return sendJson(reply, { key: toKeyView(created.data.key), plaintext: created.data.plaintext }, {}, 201);
    },
  );
  onlyMethods(app, PATH, "GET", "POST");
}
