import { usageCard } from "@/components/usage/usage-card";
import { apiError } from "@/lib/api/respond";
import { sessionRoute } from "@/lib/api/session-route";
import { ownKeyUsage } from "@/lib/data/usage/counts";
import { keyUsageSchema } from "@/lib/validation/api-key";

/**
 * A key's usage over `?range=24h|7d|30d`, for its page to poll: every member of the key's
 * workspace may read it; anyone else gets 404, as for a key that does not exist.
 */
export const GET = sessionRoute.user(keyUsageSchema, async ({ keyId, range }, { user }) => {
  const usage = await ownKeyUsage(user.id, keyId, range);
  if (!usage) return apiError("not_found", "This key's usage is not yours to see: it may have been deleted, or you left its workspace.");
  return usageCard(usage);
});
