import "server-only";
import type { z } from "zod";
import { checkAdmin } from "@/lib/auth/session";
import { fromSearchParams } from "@/lib/validation/admin";
import { apiError, apiJson } from "./respond";
import { apiRoute } from "./route";

/** A GET for the admin console: 401 signed out, 403 non-admin, 400 bad query, then `handle`. */
export function adminRoute<S extends z.ZodType>(schema: S, handle: (query: z.output<S>) => Promise<Response>) {
  return apiRoute(async (request: Request) => {
    const admin = await checkAdmin();
    if (!admin.ok) return apiError(admin.status === 401 ? "unauthorized" : "forbidden", admin.message);
    const parsed = schema.safeParse(fromSearchParams(new URL(request.url).searchParams));
    if (!parsed.success) return apiError("invalid_query", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(" "));
    return handle(parsed.data);
  });
}

/** A GET for the admin console's tables: the loaded page as JSON. */
export function adminQueryRoute<S extends z.ZodType>(schema: S, load: (query: z.output<S>) => Promise<unknown>) {
  return adminRoute(schema, async (query) => apiJson(await load(query)));
}
