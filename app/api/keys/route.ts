import { apiError, apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/session";
import { keysPayload } from "@/lib/data/api-keys";

/** The signed-in user's keys, for the API Keys tab to poll (session cookie, not an API key). */
export const GET = apiRoute(async () => {
  const user = await getCurrentUser();
  if (!user) return apiError("unauthorized", "Sign in again.");
  return apiJson(await keysPayload(user.id));
});
