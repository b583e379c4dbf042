"use server";

// Every admin action is built by adminAction, which re-checks the caller: a page's guard does
// not protect these public POST endpoints. Signed-out callers get `unauthorized`, others `forbidden`.
import { adminAction } from "@/lib/actions/builder";
import { fail, ok, withMessage } from "@/lib/core/result";
import { adminRevokeKey, adminSetKeyCeiling, adminSetKeyEnabled, findKeyByPlaintext } from "@/lib/data/keys/admin";
import { setAdminRole, setMainnetApproval, setSuspended } from "@/lib/data/users/admin";
import { keyCeilingSchema } from "@/lib/validation/api-key";
import { decideMainnetRequest } from "@/lib/data/mainnet/requests";
import { setWorkspaceMainnetApproval } from "@/lib/data/workspaces/admin";
import { env } from "@/lib/core/env";
import { parseKey } from "@/lib/keys/format";
import {
  adminKeyIdSchema,
  adminKeyToggleSchema,
  adminRoleSchema,
  leakedKeySchema,
  mainnetApprovalSchema,
  mainnetDecisionSchema,
  suspendSchema,
  workspaceApprovalSchema,
} from "@/lib/validation/admin";

export const toggleKey = adminAction.input(adminKeyToggleSchema, async ({ keyId, enabled, reason }, { actor }) =>
  adminSetKeyEnabled(actor, keyId, enabled, reason),
);

export const revokeAnyKey = adminAction.input(adminKeyIdSchema, async ({ keyId, reason }, { actor }) =>
  adminRevokeKey(actor, keyId, reason),
);

/** Raises (or lowers) one key's rate-limit ceiling; empty puts it back to the deployment's default. */
export const setKeyRateLimit = adminAction.input(keyCeilingSchema, async ({ keyId, ceiling }, { actor }) => {
  const r = await adminSetKeyCeiling(actor, keyId, ceiling);
  if (!r.ok) return r;
  const perMinute = `${r.data.rateLimitCeiling.toLocaleString("en")} requests a minute`;
  return ok(r.data, ceiling === null ? `Back to the default: ${perMinute}.` : `Ceiling set to ${perMinute}.`);
});

/** Finds a pasted (leaked) key by its hash. The pasted text is not stored or logged. */
export const findLeakedKey = adminAction.input(leakedKeySchema, async ({ key }) => {
  const format = parseKey(key, env.KEY_PREFIX);
  if (!format.ok) {
    return fail(
      "invalid_input",
      format.reason === "checksum"
        ? "That looks like a Keyport key but its checksum is wrong: it was mistyped or made up."
        : `That is not a Keyport key: they look like ${env.KEY_PREFIX}_test_… or ${env.KEY_PREFIX}_live_….`,
    );
  }
  const found = await findKeyByPlaintext(key);
  return found ? ok(found) : fail("not_found", "No key matches: it was never issued here, or was issued under another secret.");
});

export const approveMainnet = adminAction.input(mainnetApprovalSchema, async ({ userId, approved }, { actor, stepUp }) =>
  setMainnetApproval(actor, userId, approved, stepUp),
);

/** Approves a workspace (a team, or someone's personal one) for Mainnet, or withdraws it (holding its Mainnet keys). */
export const approveWorkspace = adminAction.input(workspaceApprovalSchema, async ({ workspaceId, approved }, { actor, stepUp }) => {
  const r = await setWorkspaceMainnetApproval(actor, workspaceId, approved, stepUp);
  if (!r.ok) return r;
  const held = r.data.keysDisabled;
  return ok(
    r.data,
    approved ? "Workspace approved for Mainnet." : `Approval withdrawn; ${held} Mainnet ${held === 1 ? "key" : "keys"} disabled.`,
  );
});

/** Approves (optional note) or declines (reason required, the user reads it) a pending Mainnet request. */
export const decideMainnet = adminAction.input(mainnetDecisionSchema, async ({ requestId, decision, reason }, { actor, stepUp }) => {
  const r = await decideMainnetRequest(actor, requestId, decision, reason, stepUp);
  return withMessage(
    r,
    decision === "approve" ? "Approved: they can request Mainnet keys now." : "Declined: they see your reason and can ask again.",
  );
});

export const setRole = adminAction.input(adminRoleSchema, async ({ userId, admin }, { actor, stepUp }) =>
  setAdminRole(actor, userId, admin, stepUp),
);

export const suspendUser = adminAction.input(suspendSchema, async ({ userId, suspended, reason }, { actor }) =>
  setSuspended(actor, userId, suspended, reason),
);
