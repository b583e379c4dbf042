import "server-only";
// The one way to write a server action. Server actions are public POST endpoints, so each is
// built by the builder for its caller kind, which checks the caller first, then parses the
// input with the action's zod schema (FormData included), then applies its rate limit, and
// only then runs the body. Every answer is an Result.
//
//   export const savePreferences = userAction.input(preferencesSchema, async (input, { user }) => …);
//   export const saveProfile = userAction.form(profileSchema, async (input, { user }) => …);
//   export const toggleKey = adminAction.input(adminKeyToggleSchema, async (input, { actor }) => …);
//   export const requestChallenge = publicAction.input(challengeRequestSchema, async (input, { ip }) => …, { limit });
import type { z } from "zod";
import { requestIp } from "@/lib/http/client-ip";
import { checkAdmin, requireUser, type CurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/audit/write";
import { fieldErrors } from "@/lib/validation/field-errors";
import { fail, type Failure, type Result } from "@/lib/core/result";
import { stepUpFieldsSchema } from "@/lib/validation/step-up";
import type { StepUpRequest } from "@/lib/data/step-up/gate";

/**
 * `stepUp`: the wallet and, once signed, the proof the caller sent beside the input
 * (lib/validation/step-up.ts). The data layer decides whether the change needs it.
 */
export type ActionContext = { user: CurrentUser; actor: Actor; stepUp: StepUpRequest };
/** What a public action knows of its caller: only where the request came from. */
export type PublicContext = { ip: string | null };

type Options<Ctx> = {
  /** A rate limit: a message when the caller is over it. */
  limit?: (ctx: Ctx) => Promise<string | null>;
  /** The message above the field errors when the input fails its schema. */
  invalid?: string;
};

/** Refusals the builder itself answers with, before the body runs. */
type BuilderCode<Kind extends CallerKind> = Kind extends "public"
  ? "invalid_input" | "rate_limited"
  : "unauthorized" | "forbidden" | "invalid_input" | "rate_limited";
type CallerKind = "public" | "user" | "admin";
type ContextOf<Kind extends CallerKind> = Kind extends "public" ? PublicContext : ActionContext;

/** FormData as a plain object: a key sent once is a string, a key sent several times an array. */
export function formToObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next.js's own fields for forms posted without JavaScript
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/**
 * Signed-in user: no session redirects to sign-in (saying why the session ended). Admin: a
 * 401/403 result, since admin actions answer tables and switches, not pages. Public: nobody
 * to check, only the client's address for its rate limit.
 */
async function caller<Kind extends CallerKind>(kind: Kind): Promise<ContextOf<Kind> | Failure> {
  if (kind === "public") return { ip: await requestIp() } as ContextOf<Kind>;
  let user: CurrentUser;
  if (kind === "user") user = await requireUser();
  else {
    const check = await checkAdmin();
    if (!check.ok) return fail(check.status === 401 ? "unauthorized" : "forbidden", check.message);
    user = check.user;
  }
  return { user, actor: { id: user.id, address: user.address, ip: await requestIp() }, stepUp: {} } as ContextOf<Kind>;
}

/** What a form action was given instead of a FormData (a crafted post can send any value). */
const NOT_A_FORM = Symbol("not a form");

function build<Kind extends CallerKind>(kind: Kind) {
  type Ctx = ContextOf<Kind>;
  type Answer<T, C extends string> = Promise<Result<T, C | BuilderCode<Kind>>>;
  async function run<S extends z.ZodType, T, C extends string>(
    schema: S,
    raw: () => unknown,
    body: (input: z.output<S>, ctx: Ctx) => Promise<Result<T, C>>,
    options: Options<Ctx>,
  ): Answer<T, C> {
    const ctx = await caller(kind);
    if ("ok" in ctx) return ctx as Failure<BuilderCode<Kind>>;
    // Anyone may call a public action, so its limit comes first: a flood is refused before any
    // work. A signed-in caller's limit (a budget of key creations) is spent only on valid input.
    const limit = async () => (options.limit ? await options.limit(ctx) : null);
    if (kind === "public") {
      const limited = await limit();
      if (limited) return fail("rate_limited", limited);
    }
    const input = raw();
    // Schemas whose cross-field checks run even when a field failed (`when: () => true`) expect an object.
    if (input === NOT_A_FORM) return fail("invalid_input", "Send the form's fields.");
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return fail("invalid_input", options.invalid ?? parsed.error.issues[0]?.message ?? "Invalid request.", errors);
    }
    if (kind !== "public") {
      // Read apart from the action's schema, so no schema has to carry them.
      const stepUp = stepUpFieldsSchema.safeParse(input && typeof input === "object" ? input : {});
      if (!stepUp.success) return fail("invalid_input", "The wallet's approval is malformed: approve the change again.");
      (ctx as ActionContext).stepUp = stepUp.data;
      const limited = await limit();
      if (limited) return fail("rate_limited", limited);
    }
    return body(parsed.data, ctx);
  }
  return {
    /** An action called with one argument: buttons, switches, dialogs. */
    input:
      <S extends z.ZodType, T, C extends string = string>(
        schema: S,
        body: (input: z.output<S>, ctx: Ctx) => Promise<Result<T, C>>,
        options: Options<Ctx> = {},
      ) =>
      (input: unknown) =>
        run(schema, () => input, body, options),
    /** A form action for useActionState: (previous state, FormData). */
    form:
      <S extends z.ZodType, T, C extends string = string>(
        schema: S,
        body: (input: z.output<S>, ctx: Ctx) => Promise<Result<T, C>>,
        options: Options<Ctx> = {},
      ) =>
      (_previous: unknown, form: FormData) =>
        run(schema, () => (form instanceof FormData ? formToObject(form) : NOT_A_FORM), body, {
          invalid: "Some fields need attention.",
          ...options,
        }),
  };
}

/** No caller to check (signing in): rate-limited per client IP before anything else. */
export const publicAction = build("public");
export const userAction = build("user");
export const adminAction = build("admin");
