// What a server-action POST may carry, checked before React's reply decoder runs
// (decodeReply / decodeReplyFromBusboy / decodeAction, bundled in next/dist/compiled). The
// decoder resolves `$`-prefixed strings as references (`$F1`, `$Q1`, `$B1`, `$@1`…) to other
// parts of the body; a crafted one that names a missing or mistyped part makes it throw, and
// Next.js answers that throw with a 500. So this checks the wire shape against what the
// browser's encodeReply sends for Keyport's actions — plain JSON values, Dates, undefined and
// one FormData (with files) — and anything else is refused with a message. Pure: unit-tested
// against React's own encoder and decoder (action-reply.test.ts).

/** Keyport's actions take one input, or (previous state, FormData) for forms. */
export const MAX_ACTION_ARGS = 2;

/** Escaped and special values encodeReply writes for plain arguments: `$$…` is a string starting with `$`. */
const SPECIALS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const FORM_DATA_REFERENCE = /^\$K([0-9a-f]+)$/;

/**
 * A refusal message for the first value the decoder would resolve as something other than
 * plain data (null when there is none). `formRefs` collects `$K<id>` references in a
 * multipart body; in a text body there are no parts to refer to, so none is allowed.
 */
function refuseValue(root: unknown, formRefs: Set<string> | null): string | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value[0] !== "$" || value[1] === "$" || SPECIALS.has(value) || value.startsWith("$D")) continue;
      const form = FORM_DATA_REFERENCE.exec(value);
      if (form && formRefs) {
        formRefs.add(form[1]!);
        continue;
      }
      return `The value ${JSON.stringify(value.slice(0, 16))} is a reference Keyport's pages never send.`;
    }
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === "object") stack.push(...Object.values(value));
  }
  return null;
}

/** The arguments of an action: a JSON list of at most MAX_ACTION_ARGS plain values. */
function refuseArgs(text: string, formRefs: Set<string> | null, what = "The server-action body"): string | null {
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    return `${what} is not valid JSON.`;
  }
  if (!Array.isArray(args)) return `${what} must be a list of arguments.`;
  if (args.length > MAX_ACTION_ARGS) return `${what} has more than ${MAX_ACTION_ARGS} arguments.`;
  return refuseValue(args, formRefs);
}

/** A fetch action whose arguments encodeReply wrote as one JSON text (no FormData among them). */
export function refuseActionText(body: string): string | null {
  return refuseArgs(body, null);
}

/**
 * A fetch action whose arguments include a FormData: part `0` holds the arguments, and each
 * FormData they reference by `$K<id>` sends its entries as parts named `_<id>_<name>`.
 */
export function refuseActionForm(form: FormData): string | null {
  const root = form.getAll("0");
  if (root.length !== 1 || typeof root[0] !== "string") return "Part 0 of the server-action body must be one text part.";
  const refs = new Set<string>();
  const refused = refuseArgs(root[0], refs, "Part 0 of the server-action body");
  if (refused) return refused;
  for (const name of form.keys()) {
    if (name === "0") continue;
    const owner = /^_([0-9a-f]+)_/.exec(name)?.[1];
    if (!owner || !refs.has(owner)) return `The part ${JSON.stringify(name.slice(0, 40))} belongs to no argument.`;
  }
  return null;
}

/**
 * A form posted without JavaScript (no Next-Action header): React's own fields name the action,
 * `$ACTION_ID_<id>`, or, for a form whose action carries state (useActionState),
 * `$ACTION_REF_<p>` with `$ACTION_<p>:0` = {"id","bound"} and `$ACTION_<p>:1` = the bound arguments.
 * Every multipart post to a page is one of these (Next.js answers any other with a 400 and a
 * logged error). Answers the action's id, or why the post is refused.
 */
export function formPostAction(form: FormData): { id: string } | { refused: string } {
  const names = [...form.keys()].filter((name) => name.startsWith("$ACTION"));
  if (names.length === 0) return { refused: "A form post names the action it runs ($ACTION_ID_… or $ACTION_REF_…)." };
  const ids = names.filter((n) => n.startsWith("$ACTION_ID_"));
  const refs = names.filter((n) => n.startsWith("$ACTION_REF_"));
  if (ids.length + refs.length !== 1) return { refused: "A form post names exactly one action." };
  if (form.getAll("$ACTION_KEY").some((v) => typeof v !== "string")) return { refused: "$ACTION_KEY must be text." };
  const notReact = (n: string) => ({ refused: `The field ${JSON.stringify(n.slice(0, 40))} is not one React sends.` });
  if (ids.length === 1) {
    const extra = names.find((n) => n !== ids[0] && n !== "$ACTION_KEY");
    return extra ? notReact(extra) : { id: ids[0]!.slice("$ACTION_ID_".length) };
  }
  const prefix = `$ACTION_${refs[0]!.slice("$ACTION_REF_".length)}:`;
  const meta = form.getAll(`${prefix}0`);
  // Next.js reads the id from the text itself before parsing it, so it must start exactly so.
  if (meta.length !== 1 || typeof meta[0] !== "string" || !meta[0].startsWith('{"id":"'))
    return { refused: 'The form\'s action reference is missing, or not {"id":…, "bound":…}.' };
  let reference: unknown;
  try {
    reference = JSON.parse(meta[0]);
  } catch {
    return { refused: "The form's action reference is not valid JSON." };
  }
  if (typeof reference !== "object" || reference === null || Array.isArray(reference))
    return { refused: "The form's action reference must be {id, bound}." };
  const { id, bound, ...rest } = reference as Record<string, unknown>;
  if (typeof id !== "string" || Object.keys(rest).length > 0) return { refused: "The form's action reference must be {id, bound}." };
  if (bound !== null && bound !== "$@1") return { refused: "The form's bound arguments must be null or part 1." };
  const allowed = new Set([refs[0], `${prefix}0`, "$ACTION_KEY", ...(bound ? [`${prefix}1`] : [])]);
  const extra = names.find((n) => !allowed.has(n));
  if (extra) return notReact(extra);
  if (!bound) return { id };
  const args = form.getAll(`${prefix}1`);
  if (args.length !== 1 || typeof args[0] !== "string") return { refused: "The form's bound arguments are missing." };
  const refused = refuseArgs(args[0], null, "The form's bound arguments");
  return refused ? { refused } : { id };
}
