"use server";

import { userAction, type ActionContext } from "@/lib/actions/builder";
import { fail, type ActionResult } from "@/lib/actions/result";
import { asOwner, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey, type KeyResult } from "@/lib/data/key-lifecycle";
import { requestMainnet, withdrawMainnetRequest, type MainnetResult } from "@/lib/data/mainnet-requests";
import type { MainnetAccessView } from "@/lib/keys/mainnet-access";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { limitKeyCreation } from "@/lib/api/rate-limit";
import { editKeySchema, keyIdSchema, requestKeySchema, rotateKeySchema, toggleKeySchema } from "@/lib/validation/api-key";
import { mainnetRequestSchema, mainnetWithdrawSchema } from "@/lib/validation/mainnet-request";

/** Key creation and rotation share a per-user hourly budget. */
async function creationLimit({ user }: ActionContext): Promise<string | null> {
  const limit = await limitKeyCreation(user.id);
  return limit.ok
    ? null
    : `You created ${limit.limit} keys in the last hour, the most allowed. Try again in ${Math.ceil(limit.retryAfter / 60)} min.`;
}

function answer<T, V>(r: KeyResult<T>, view: (data: T) => V): ActionResult<V> {
  return r.ok ? { ok: true, data: view(r.data) } : { ok: false, code: r.code, message: r.message };
}

export type NewKeyView = { key: KeyView; plaintext: string };

/** Issues a key. The response carries the plaintext once; nothing else ever will. */
export const requestKey = userAction.form(
  requestKeySchema,
  async (input, { actor }) => answer(await createKey(actor, input), (d): NewKeyView => ({ key: toKeyView(d.key), plaintext: d.plaintext })),
  { limit: creationLimit },
);

export const setEnabled = userAction.input(toggleKeySchema, async ({ keyId, enabled }, { actor }) =>
  answer(await setKeyEnabled(asOwner(actor), keyId, enabled), toKeyView),
);

export const revoke = userAction.input(keyIdSchema, async ({ keyId }, { actor }) =>
  answer(await revokeKey(asOwner(actor), keyId), toKeyView),
);

export const rotate = userAction.input(
  rotateKeySchema,
  async ({ keyId, overlap }, { actor }) =>
    answer(await rotateKey(actor, keyId, overlap), (d) => ({ key: toKeyView(d.key), plaintext: d.plaintext, oldKey: toKeyView(d.oldKey) })),
  { limit: creationLimit },
);

export const edit = userAction.form(editKeySchema, async ({ keyId, ...change }, { actor }) =>
  answer(await updateKey(actor, keyId, change), toKeyView),
);

const mainnetAnswer = (r: MainnetResult<MainnetAccessView>, message: string): ActionResult<MainnetAccessView> =>
  r.ok ? { ok: true, data: r.data, message } : fail(r.code, r.message);

/** Asks an admin for Mainnet access; the answer is the user's new standing. */
export const askForMainnet = userAction.form(mainnetRequestSchema, async ({ justification }, { actor }) =>
  mainnetAnswer(await requestMainnet(actor, justification), "Request sent: an admin will review it."),
);

export const withdrawMainnet = userAction.input(mainnetWithdrawSchema, async ({ requestId }, { actor }) =>
  mainnetAnswer(await withdrawMainnetRequest(actor, requestId), "Request withdrawn."),
);
