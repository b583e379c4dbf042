import { apiError } from "@/lib/api/respond";
import { sessionRoute } from "@/lib/api/session-route";
import { keysPayload } from "@/lib/data/keys/list";
import { personalWorkspace, requireMember } from "@/lib/data/workspaces/access";
import { keysQuerySchema } from "@/lib/validation/api-key";

/**
 * A workspace's keys, for its API Keys page to poll: `?workspace=<id>`, or the caller's
 * personal workspace without it. The membership is read on every request: a removed member
 * gets 404 on their next poll.
 */
export const GET = sessionRoute.user(keysQuerySchema, async ({ workspace }, { user }) => {
  const id = workspace ?? (await personalWorkspace(user.id))?.id;
  const access = id ? await requireMember(user.id, { id }, "read") : null;
  if (!access?.ok) return apiError("not_found", "That workspace does not exist or you are not a member of it.");
  return keysPayload(access.member);
});
