import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getKeyDetail } from "@/lib/data/keys/detail";
import { asMember, revokeKey, setKeyEnabled, updateKey } from "@/lib/data/keys/lifecycle";
import { toKeyView } from "@/lib/keys/view";
import { editKeySchema } from "@/lib/validation/api-key";
import { keyDetailResponseSchema, keyParams, keyResponseSchema, updateKeyBody } from "@/lib/validation/manage";
import { recordId } from "@/lib/validation/text";
import { sameSet } from "@/lib/wallets/step-up";
import { bearerOnly, callerOf, memberOf, sendInvalid, sendRefusal, stepUpRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_KEY_PATH, EXAMPLE_KEY_VIEW } from "../openapi/examples";
import { KEY_WRITE_ERRORS, routeDocs, WORKSPACE_ERRORS, type RouteDocs } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";
import { MANAGE_MAX_BODY } from "./manage-keys";

const PATH = "/api/v1/workspaces/:slug/keys/:id";
const NO_KEY = "That key does not exist in this workspace.";
/** A route of this path: the bearer check, its documentation, the path's parameters and the key as the answer. */
const route = (
  docs: Pick<RouteDocs, "operationId" | "summary" | "description" | "errors" | "requestExample">,
  example: unknown = { key: EXAMPLE_KEY_VIEW },
) => ({
  onRequest: bearerOnly,
  schema: {
    ...routeDocs({
      ...docs,
      tag: "Management",
      auth: "sep10Token",
      rateLimited: false,
      examplePath: EXAMPLE_KEY_PATH,
      response: { description: "The key.", example },
    }),
    params: keyParams,
    response: { 200: keyResponseSchema },
  },
});

/** One key: read it, change it (the screens' edit and switch), revoke it. */
export function manageKeyRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const get = route(
    {
      operationId: "getKey",
      summary: "Get a key",
      description: "One key of the workspace, with its predecessor and successor.",
      errors: WORKSPACE_ERRORS,
    },
    { key: EXAMPLE_KEY_VIEW, predecessor: null, successor: null },
  );
  typed.get(PATH, { ...get, schema: { ...get.schema, response: { 200: keyDetailResponseSchema } } }, async (request, reply) => {
    const member = await memberOf(request, request.params.slug, reply);
    if (!member) return reply;
    const id = recordId.safeParse(request.params.id);
    const detail = id.success ? await getKeyDetail(member.workspace.id, member.userId, id.data) : null;
    if (!detail) return sendProblem(reply, "not_found", NO_KEY);
    return sendJson(reply, { key: detail.key, predecessor: detail.predecessor, successor: detail.successor });
  });
  const update = route({
    operationId: "updateKey",
    summary: "Change a key",
    description:
      "Name, description, scopes, rate limit, `enabled`, and the IP allowlist (a change of scopes or any allowlist needs a high-threshold token). Fields left out stay.",
    errors: [...KEY_WRITE_ERRORS, "step_up_required"],
    requestExample: { name: "ci-deploy-prod", enabled: true },
  });
  typed.patch(
    PATH,
    {
      ...update,
      bodyLimit: MANAGE_MAX_BODY,
      schema: { ...update.schema, body: updateKeyBody },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      const current = id.success ? await getKeyDetail(member.workspace.id, member.userId, id.data) : null;
      if (!current) return sendProblem(reply, "not_found", NO_KEY);
      const { enabled, ...edit } = request.body;
      // Present at all, even unchanged: a stale read must not let a weaker token rewrite it.
      const change = {
        action: "key.update" as const,
        scopesChanged: edit.scopes !== undefined && !sameSet(edit.scopes, current.key.scopes),
        allowlistChanged: edit.allowedIps !== undefined,
      };
      if (stepUpRefusal(reply, caller, change, "Changing a key's scopes or IP allowlist")) return reply;
      let key = current.key;
      if (Object.values(edit).some((v) => v !== undefined)) {
        // What the body leaves out stays as it is; the screens' schema checks the result.
        const parsed = editKeySchema.safeParse({
          workspaceId: member.workspace.id,
          keyId: key.id,
          name: edit.name ?? key.name,
          description: edit.description === undefined ? (key.description ?? "") : (edit.description ?? ""),
          scopes: edit.scopes ?? key.scopes,
          allowedIps: edit.allowedIps ?? key.allowedIps,
          rateLimit: edit.rateLimit !== undefined ? edit.rateLimit : key.rateLimitLowered ? key.rateLimit : null,
          expiry: edit.expiry,
          expiresOn: edit.expiresOn,
        });
        if (!parsed.success) return sendInvalid(reply, parsed.error);
        const { workspaceId, keyId, ...change } = parsed.data;
        const updated = await updateKey(caller.actor, workspaceId, keyId, change);
        if (!updated.ok) return sendRefusal(reply, updated, caller);
        key = toKeyView(updated.data);
      }
      if (enabled !== undefined) {
        const toggled = await setKeyEnabled(asMember(caller.actor, member.workspace.id), key.id, enabled);
        if (!toggled.ok) return sendRefusal(reply, toggled);
        key = toKeyView(toggled.data);
      }
      return sendJson(reply, { key });
    },
  );
  typed.delete(
    PATH,
    route({
      operationId: "revokeKey",
      summary: "Revoke a key",
      description: "For good; revoking twice changes nothing.",
      errors: [...WORKSPACE_ERRORS, "forbidden"],
    }),
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_KEY);
      const revoked = await revokeKey(asMember(callerOf(request).actor, member.workspace.id), id.data);
      if (!revoked.ok) return sendRefusal(reply, revoked);
      return sendJson(reply, { key: toKeyView(revoked.data) });
    },
  );
  onlyMethods(app, PATH, "GET", "PATCH", "DELETE");
}
