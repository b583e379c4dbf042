import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getKeyDetail } from "@/lib/data/key-detail";
import { asMember, revokeKey, setKeyEnabled, updateKey } from "@/lib/data/key-lifecycle";
import { toKeyView } from "@/lib/keys/view";
import { editKeySchema } from "@/lib/validation/api-key";
import { keyParams, keyResponseSchema, updateKeyBody } from "@/lib/validation/manage";
import { recordId } from "@/lib/validation/text";
import { bearerOnly, callerOf, memberOf, sendInvalid, sendRefusal, stepUpRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { sendJson, sendProblem } from "../reply";
import { MANAGE_MAX_BODY } from "./manage-keys";

const PATH = "/api/v1/workspaces/:slug/keys/:id";
const NO_KEY = "That key does not exist in this workspace.";
const common = { onRequest: bearerOnly, tags: ["Management"], security: [{ Sep10Token: [] }], params: keyParams };
const route = ({ onRequest, ...schema }: typeof common) => ({ onRequest, schema });

/** One key: read it, change it (the screens' edit and switch), revoke it. */
export function manageKeyRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    PATH,
    { ...route(common), schema: { ...route(common).schema, summary: "Get a key", response: { 200: keyResponseSchema } } },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      const detail = id.success ? await getKeyDetail(member.workspace.id, member.userId, id.data) : null;
      if (!detail) return sendProblem(reply, "not_found", NO_KEY);
      return sendJson(reply, { key: detail.key, predecessor: detail.predecessor, successor: detail.successor });
    },
  );
  typed.patch(
    PATH,
    {
      ...route(common),
      bodyLimit: MANAGE_MAX_BODY,
      schema: { ...route(common).schema, summary: "Change a key", body: updateKeyBody, response: { 200: keyResponseSchema } },
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
      if (edit.allowedIps !== undefined && stepUpRefusal(reply, caller, "Changing a key's IP allowlist")) return reply;
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
        });
        if (!parsed.success) return sendInvalid(reply, parsed.error);
        const { workspaceId, keyId, ...change } = parsed.data;
        const updated = await updateKey(caller.actor, workspaceId, keyId, change);
        if (!updated.ok) return sendRefusal(reply, updated);
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
    { ...route(common), schema: { ...route(common).schema, summary: "Revoke a key", response: { 200: keyResponseSchema } } },
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
