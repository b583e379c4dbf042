import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { limitKeyCreation } from "@/lib/api/rate-limit";
import { listKeys } from "@/lib/data/api-keys";
import { createKey } from "@/lib/data/key-lifecycle";
import { toKeyView } from "@/lib/keys/view";
import { requestKeySchema } from "@/lib/validation/api-key";
import { createKeyBody, keyListSchema, newKeyResponseSchema, workspaceParams } from "@/lib/validation/manage";
import { bearerOnly, callerOf, memberOf, sendInvalid, sendRefusal, stepUpRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
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
    { retryAfter: limit.retryAfter },
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
        tags: ["Management"],
        summary: "List a workspace's keys",
        security: [{ Sep10Token: [] }],
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
        tags: ["Management"],
        summary: "Create a key (shown once)",
        security: [{ Sep10Token: [] }],
        params: workspaceParams,
        body: createKeyBody,
        response: { 201: newKeyResponseSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const input = requestKeySchema.safeParse({ ...request.body, workspaceId: member.workspace.id });
      if (!input.success) return sendInvalid(reply, input.error);
      const { workspaceId, ...key } = input.data;
      if (key.network === "mainnet" && stepUpRefusal(reply, caller, "Creating a Mainnet key")) return reply;
      if (await overCreationLimit(reply, caller.actor.id)) return reply;
      const created = await createKey(caller.actor, workspaceId, key);
      if (!created.ok) return sendRefusal(reply, created);
      return sendJson(reply, { key: toKeyView(created.data.key), plaintext: created.data.plaintext }, {}, 201);
    },
  );
  onlyMethods(app, PATH, "GET", "POST");
}
