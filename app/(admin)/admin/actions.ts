"use server";

// Every admin action re-checks the caller: a page's guard does not protect these
// public POST endpoints. Non-admins get a 403 result, signed-out callers a 401.
import { requestIp } from "@/lib/auth/request-ip";
import { checkAdmin } from "@/lib/auth/session";
import { adminRevokeKey, adminSetKeyEnabled, findKeyByPlaintext, type AdminKeyView } from "@/lib/data/admin-keys";
import { setAdminRole, setMainnetApproval, setSuspended, type UserChangeResult } from "@/lib/data/admin-users";
import type { Actor } from "@/lib/data/audit";
import type { KeyResult } from "@/lib/data/key-lifecycle";
import { env } from "@/lib/env";
import { parseKey } from "@/lib/keys/format";
import {
  adminKeyIdSchema,
  adminKeyToggleSchema,
  adminRoleSchema,
  leakedKeySchema,
  mainnetApprovalSchema,
  suspendSchema,
} from "@/lib/validation/admin";

export type AdminResult<T> = { ok: true; data: T } | { ok: false; status: 400 | 401 | 403 | 404 | 409; message: string };

async function asAdmin(): Promise<{ ok: true; actor: Actor } | { ok: false; status: 401 | 403; message: string }> {
  const check = await checkAdmin();
  if (!check.ok) return check;
  return { ok: true, actor: { id: check.user.id, address: check.user.address, ip: await requestIp() } };
}

const invalid = (message = "Invalid request.") => ({ ok: false as const, status: 400 as const, message });

/** A refused change: 404 when the target is gone, 403 for the admin's own account, 409 when a state or rule forbids it. */
function answer<T>(r: KeyResult<T> | UserChangeResult): AdminResult<T> {
  if (r.ok) return r as AdminResult<T>;
  return { ok: false, status: r.code === "not_found" ? 404 : r.code === "self" ? 403 : 409, message: r.message };
}

export async function toggleKey(input: unknown): Promise<AdminResult<AdminKeyView>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminKeyToggleSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  return answer(await adminSetKeyEnabled(admin.actor, parsed.data.keyId, parsed.data.enabled, parsed.data.reason));
}

export async function revokeAnyKey(input: unknown): Promise<AdminResult<AdminKeyView>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminKeyIdSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  return answer(await adminRevokeKey(admin.actor, parsed.data.keyId, parsed.data.reason));
}

/** Finds a pasted (leaked) key by its hash. The pasted text is not stored or logged. */
export async function findLeakedKey(input: unknown): Promise<AdminResult<AdminKeyView>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = leakedKeySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const format = parseKey(parsed.data.key, env.KEY_PREFIX);
  if (!format.ok) {
    return invalid(
      format.reason === "checksum"
        ? "That looks like a Keyport key but its checksum is wrong: it was mistyped or made up."
        : `That is not a Keyport key: they look like ${env.KEY_PREFIX}_test_… or ${env.KEY_PREFIX}_live_….`,
    );
  }
  const key = await findKeyByPlaintext(parsed.data.key);
  return key
    ? { ok: true, data: key }
    : { ok: false, status: 404, message: "No key matches: it was never issued here, or was issued under another secret." };
}

export async function approveMainnet(input: unknown): Promise<AdminResult<{ keysDisabled?: number }>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = mainnetApprovalSchema.safeParse(input);
  if (!parsed.success) return invalid();
  return answer(await setMainnetApproval(admin.actor, parsed.data.userId, parsed.data.approved));
}

export async function setRole(input: unknown): Promise<AdminResult<object>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminRoleSchema.safeParse(input);
  if (!parsed.success) return invalid();
  return answer(await setAdminRole(admin.actor, parsed.data.userId, parsed.data.admin));
}

export async function suspendUser(input: unknown): Promise<AdminResult<{ sessionsEnded?: number }>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = suspendSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  return answer(await setSuspended(admin.actor, parsed.data.userId, parsed.data.suspended, parsed.data.reason));
}
