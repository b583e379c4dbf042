import { z } from "zod";
import { apiError, apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/session";
import { ownKeyUsage } from "@/lib/data/usage";
import { recordId } from "@/lib/validation/text";

const rangeSchema = z.enum(["24h", "7d", "30d"], { error: "range must be 24h, 7d or 30d." }).default("24h");

/** One of the signed-in user's keys: requests over a range by outcome, and its latest requests (session cookie, polled by the key page). */
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return apiError("unauthorized", "Sign in again.");
  const id = recordId.safeParse((await params).id);
  const range = rangeSchema.safeParse(new URL(request.url).searchParams.get("range") ?? undefined);
  if (!range.success) return apiError("invalid_request", range.error.issues[0]?.message ?? "Invalid range.");
  const usage = id.success ? await ownKeyUsage(user.id, id.data, range.data) : null;
  if (!usage) return apiError("not_found", "No such key.");
  return apiJson(usage);
});
