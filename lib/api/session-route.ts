import "server-only";
import type { z } from "zod";
import { checkAdmin, getCurrentUser, type AdminCheck, type CurrentUser } from "@/lib/auth/session";
import { fromSearchParams } from "@/lib/validation/admin";
import { apiError, apiJson } from "./respond";
import { apiRoute } from "./route";

// The one builder of the session routes: the GETs the browser reads with its session cookie
// (`/api/keys…`, `/api/admin/…`), never an API key. Pages render on the server; these serve
// only what a page polls or pages through, and reads never go through a server action
// (actions run one at a time per client, so a click would queue behind a poll).

/** Who may call: the same answer shape for both guards. */
type Guard = () => Promise<AdminCheck>;
type Context = { params?: Promise<Record<string, string | string[] | undefined>> };

const signedIn: Guard = async () => {
  const user = await getCurrentUser();
  return user ? { ok: true, user } : { ok: false, status: 401, message: "Sign in again." };
};

function build(guard: Guard) {
  /**
   * 401 signed out (403 not an admin, for `admin`), 400 when the query and the path's
   * parameters, read as one object, fail `schema`; then `handle`, whose value is the JSON
   * answer (a Response it returns is sent as is).
   */
  return <S extends z.ZodType>(schema: S, handle: (input: z.output<S>, caller: { user: CurrentUser }) => Promise<unknown>) =>
    apiRoute(async (request: Request, context?: Context) => {
      const who = await guard();
      if (!who.ok) return apiError(who.status === 401 ? "unauthorized" : "forbidden", who.message);
      const raw = { ...fromSearchParams(new URL(request.url).searchParams), ...(await context?.params) };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return apiError("invalid_query", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(" "));
      const answer = await handle(parsed.data, { user: who.user });
      return answer instanceof Response ? answer : apiJson(answer);
    });
}

export const sessionRoute = { user: build(signedIn), admin: build(checkAdmin) };
