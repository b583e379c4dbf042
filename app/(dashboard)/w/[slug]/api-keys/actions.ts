"use server";

import { userAction, type ActionContext } from "@/lib/actions/builder";
import { mapData, withMessage } from "@/lib/core/result";
import { asMember, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey } from "@/lib/data/keys/lifecycle";
import { requestMainnet, withdrawMainnetRequest } from "@/lib/data/mainnet/requests";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { limitKeyCreation } from "@/lib/limits/limits";
import { offeredKeyScopes } from "@/lib/gateway/config";
import { editKeySchema, keyIdSchema, requestKeySchemaFor, rotateKeySchema, toggleKeySchema } from "@/lib/validation/api-key";
import { mainnetRequestSchema, mainnetWithdrawSchema } from "@/lib/validation/mainnet-request";

/** Key creation and rotation share a per-user hourly budget. */
async function creationLimit({ user }: ActionContext): Promise<string | null> {
  const limit = await limitKeyCreation(user.id);
  return limit.ok
    ? null
    : `You created ${limit.limit} keys in the last hour, the most allowed. Try again in ${Math.ceil(limit.retryAfter / 60)} min.`;
}

export type NewKeyView = { key: KeyView; plaintext: string };

// Every key action names its workspace; lib/data re-reads the caller's membership and role
// there under the workspace's row lock, and reaches only that workspace's keys.

/** Issues a key. The response carries the plaintext once; nothing else ever will. */
export const requestKey = userAction.form(
  // The route table is read and checked at start-up, before this module loads.
  requestKeySchemaFor(offeredKeyScopes()),
  async ({ workspaceId, ...input }, { actor, stepUp }) =>
    mapData(await createKey(actor, workspaceId, input, stepUp), (d): NewKeyView => ({ key: toKeyView(d.key), plaintext: d.plaintext })),
  { limit: creationLimit },
);

export const setEnabled = userAction.input(toggleKeySchema, async ({ workspaceId, keyId, enabled }, { actor }) =>
  mapData(await setKeyEnabled(asMember(actor, workspaceId), keyId, enabled), toKeyView),
);

export const revoke = userAction.input(keyIdSchema, async ({ workspaceId, keyId }, { actor }) =>
  mapData(await revokeKey(asMember(actor, workspaceId), keyId), toKeyView),
);

export const rotate = userAction.input(
  rotateKeySchema,
  async ({ workspaceId, keyId, overlap }, { actor, stepUp }) =>
    mapData(await rotateKey(actor, workspaceId, keyId, overlap, stepUp), (d) => ({
      key: toKeyView(d.key),
      plaintext: d.plaintext,
      oldKey: toKeyView(d.oldKey),
    })),
  { limit: creationLimit },
);

export const edit = userAction.form(editKeySchema, async ({ workspaceId, keyId, ...change }, { actor, stepUp }) =>
  mapData(await updateKey(actor, workspaceId, keyId, change, stepUp), toKeyView),
);

/** Asks an admin for Mainnet access for a workspace; the answer is its new standing. */
export const askForMainnet = userAction.form(mainnetRequestSchema, async ({ workspaceId, justification }, { actor }) =>
  withMessage(await requestMainnet(actor, workspaceId, justification), "Request sent: an admin will review it."),
);

export const withdrawMainnet = userAction.input(mainnetWithdrawSchema, async ({ workspaceId, requestId }, { actor }) =>
  withMessage(await withdrawMainnetRequest(actor, workspaceId, requestId), "Request withdrawn."),
);
