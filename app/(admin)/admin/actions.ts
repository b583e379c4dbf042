"use server";

// Every admin action re-checks the caller: a page's guard does not protect these
// public POST endpoints. Non-admins get a 403 result, signed-out callers a 401.
import { requestIp } from "@/lib/auth/request-ip";
import { checkAdmin } from "@/lib/auth/session";
import {
  adminRevokeKey,
  adminSetKeyEnabled,
  findKeyByPlaintext,
  setAdminRole,
  setMainnetApproval,
  type AdminKeyView,
} from "@/lib/data/admin";
import type { Actor } from "@/lib/data/audit";
import { env } from "@/lib/env";
import { parseKey } from "@/lib/keys/format";
import {
  adminKeyIdSchema,
  adminKeyToggleSchema,
  adminRoleSchema,
  leakedKeySchema,
  mainnetApprovalSchema,
} from "@/lib/validation/admin";

export type AdminResult<T> = { ok: true; data: T } | { ok: false; status: 400 | 401 | 403 | 404; message: string };

async function asAdmin(): Promise<{ ok: true; actor: Actor } | { ok: false; status: 401 | 403; message: string }> {
  const check = await checkAdmin();
  if (!check.ok) return check;
  return { ok: true, actor: { id: check.user.id, address: check.user.address, ip: await requestIp() } };
}

const invalid = (message = "Invalid request.") => ({ ok: false as const, status: 400 as const, message });
const missing = (what: string) => ({ ok: false as const, status: 404 as const, message: `That ${what} does not exist.` });

export async function toggleKey(input: unknown): Promise<AdminResult<AdminKeyView>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminKeyToggleSchema.safeParse(input);
  if (!parsed.success) return invalid();
  const key = await adminSetKeyEnabled(admin.actor, parsed.data.keyId, parsed.data.enabled);
  return key ? { ok: true, data: key } : missing("key (or it is revoked)");
}

export async function revokeAnyKey(input: unknown): Promise<AdminResult<AdminKeyView>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminKeyIdSchema.safeParse(input);
  if (!parsed.success) return invalid();
  const key = await adminRevokeKey(admin.actor, parsed.data.keyId);
  return key ? { ok: true, data: key } : missing("key");
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
  return key ? { ok: true, data: key } : { ok: false, status: 404, message: "No key matches: it was never issued here, or was issued under another secret." };
}

export async function approveMainnet(input: unknown): Promise<AdminResult<null>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = mainnetApprovalSchema.safeParse(input);
  if (!parsed.success) return invalid();
  return (await setMainnetApproval(admin.actor, parsed.data.userId, parsed.data.approved)) ? { ok: true, data: null } : missing("user");
}

export async function setRole(input: unknown): Promise<AdminResult<null>> {
  const admin = await asAdmin();
  if (!admin.ok) return admin;
  const parsed = adminRoleSchema.safeParse(input);
  if (!parsed.success) return invalid();
  if (parsed.data.userId === admin.actor.id) return { ok: false, status: 400, message: "You cannot change your own admin role." };
  return (await setAdminRole(admin.actor, parsed.data.userId, parsed.data.admin)) ? { ok: true, data: null } : missing("user");
}
