import { apiError, apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/session";
import { keysPayload } from "@/lib/data/keys/list";
import { personalWorkspace, requireMember } from "@/lib/data/workspaces/access";
import { workspaceIdField } from "@/lib/validation/workspace";

/**
 * A workspace's keys, for its API Keys tab to poll (session cookie, not an API key):
 * `?workspace=<id>`, or the caller's personal workspace without it. The membership is read
 * on every request: a removed member gets 404 on their next poll.
 */
export const GET = apiRoute(async (request: Request) => {
  const user = await getCurrentUser();
  if (!user) return apiError("unauthorized", "Sign in again.");
  const param = new URL(request.url).searchParams.get("workspace");
  const id = param === null ? (await personalWorkspace(user.id))?.id : workspaceIdField.safeParse(param).data;
  if (param !== null && !id) return apiError("invalid_query", "workspace must be a workspace id.");
  const access = id ? await requireMember(user.id, { id }, "read") : null;
  if (!access?.ok) return apiError("not_found", "That workspace does not exist or you are not a member of it.");
  return apiJson(await keysPayload(access.member));
});
