"use server";

import { userAction, type ActionContext } from "@/lib/actions/builder";
import { spendKeyCreation } from "@/lib/actions/key-budget";
import { mapData, withMessage, type Failure } from "@/lib/core/result";
import { keyNetwork } from "@/lib/data/keys/detail";
import { asMember, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey } from "@/lib/data/keys/lifecycle";
import { requestMainnet, withdrawMainnetRequest } from "@/lib/data/mainnet/requests";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import type { KeyNetwork } from "@/lib/networks/key";
import { needsStepUp } from "@/lib/wallets/step-up";
import { offeredKeyScopes } from "@/lib/gateway/config";
import { editKeySchema, keyIdSchema, requestKeySchemaFor, rotateKeySchema, toggleKeySchema } from "@/lib/validation/api-key";
import { mainnetRequestSchema, mainnetWithdrawSchema } from "@/lib/validation/mainnet-request";

/**
 * Key creation and rotation share a per-user hourly budget (lib/actions/key-budget.ts), spent by
 * a submit that can issue a key. A Mainnet key's first submit only asks the wallet for a
 * signature (step-up), or in a multisig team opens a pending approval: it issues nothing and
 * spends nothing; the signed resubmit, or the approval's completion, spends the one point.
 * (Spending on both made each Mainnet key, and each declined signature, cost two.) The data
 * layer still asks for a signature whatever the submit carries: a made-up proof is checked there.
 */
async function spendCreation({ user, stepUp }: ActionContext, network: KeyNetwork | null): Promise<Failure<"rate_limited"> | null> {
  const onlyAsks = !stepUp.nonce && network !== null && needsStepUp({ action: "key.create", network });
  return onlyAsks ? null : spendKeyCreation(user.id);
}

export type NewKeyView = { key: KeyView; plaintext: string };

// Every key action names its workspace; lib/data re-reads the caller's membership and role
// there under the workspace's row lock, and reaches only that workspace's keys.

/** Issues a key. The response carries the plaintext once; nothing else ever will. */
export const requestKey = userAction.form(
  // The route table is read and checked at start-up, before this module loads.
  requestKeySchemaFor(offeredKeyScopes()),
  async ({ workspaceId, ...input }, ctx) =>
    (await spendCreation(ctx, input.network)) ??
    mapData(await createKey(ctx.actor, workspaceId, input, ctx.stepUp), (d): NewKeyView => ({
      key: toKeyView(d.key),
      plaintext: d.plaintext,
    })),
);

export const setEnabled = userAction.input(toggleKeySchema, async ({ workspaceId, keyId, enabled }, { actor }) =>
  mapData(await setKeyEnabled(asMember(actor, workspaceId), keyId, enabled), toKeyView),
);

export const revoke = userAction.input(keyIdSchema, async ({ workspaceId, keyId }, { actor }) =>
  mapData(await revokeKey(asMember(actor, workspaceId), keyId), toKeyView),
);

export const rotate = userAction.input(
  rotateKeySchema,
  async ({ workspaceId, keyId, overlap }, ctx) =>
    (await spendCreation(ctx, ctx.stepUp.nonce ? null : await keyNetwork(ctx.user.id, workspaceId, keyId))) ??
    mapData(await rotateKey(ctx.actor, workspaceId, keyId, overlap, ctx.stepUp), (d) => ({
      key: toKeyView(d.key),
      plaintext: d.plaintext,
      oldKey: toKeyView(d.oldKey),
    })),
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
