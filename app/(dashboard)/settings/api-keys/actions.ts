"use server";

import type { ActionResult } from "@/lib/action-result";
import { requestIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { asOwner, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey, type KeyResult } from "@/lib/data/key-lifecycle";
import type { Actor } from "@/lib/data/audit";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import {
  editKeySchema,
  keyIdSchema,
  requestKeySchema,
  rotateKeySchema,
  toggleKeySchema,
  type KeyFormField,
} from "@/lib/validation/api-key";
import { fieldErrors } from "@/lib/validation/field-errors";
import { limitKeyCreation } from "@/lib/rate-limit";

/** Key creation and rotation share a per-user hourly budget. */
async function creationAllowed(userId: string): Promise<string | null> {
  const limit = await limitKeyCreation(userId);
  return limit.ok
    ? null
    : `You created ${limit.limit} keys in the last hour, the most allowed. Try again in ${Math.ceil(limit.retryAfter / 60)} min.`;
}

async function actor(): Promise<Actor> {
  const user = await requireUser();
  return { id: user.id, address: user.address, ip: await requestIp() };
}

function result<T, V>(r: KeyResult<T>, view: (data: T) => V): ActionResult<V> & { code?: string } {
  return r.ok ? { ok: true, data: view(r.data) } : { ok: false, message: r.message, code: r.code };
}

export type NewKeyView = { key: KeyView; plaintext: string };

/** Issues a key. The response carries the plaintext once; nothing else ever will. */
export async function requestKey(
  _prev: unknown,
  form: FormData,
): Promise<(ActionResult<NewKeyView, KeyFormField> & { code?: string }) | null> {
  const who = await actor();
  const parsed = requestKeySchema.safeParse({
    network: form.get("network"),
    name: form.get("name") ?? "",
    description: form.get("description") ?? "",
    scopes: form.getAll("scopes"),
    expiry: form.get("expiry"),
    expiresOn: form.get("expiresOn") ?? undefined,
  });
  if (!parsed.success) return { ok: false, message: "Some fields need attention.", fieldErrors: fieldErrors<KeyFormField>(parsed.error) };
  const limited = await creationAllowed(who.id);
  if (limited) return { ok: false, message: limited, code: "rate_limited" };
  return result(await createKey(who, parsed.data), (d) => ({ key: toKeyView(d.key), plaintext: d.plaintext }));
}

export async function setEnabled(input: unknown) {
  const who = await actor();
  const parsed = toggleKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, message: "Invalid request." };
  return result(await setKeyEnabled(asOwner(who), parsed.data.keyId, parsed.data.enabled), toKeyView);
}

export async function revoke(input: unknown) {
  const who = await actor();
  const parsed = keyIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, message: "Invalid request." };
  return result(await revokeKey(asOwner(who), parsed.data.keyId), toKeyView);
}

export async function rotate(input: unknown) {
  const who = await actor();
  const parsed = rotateKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues[0]?.message ?? "Invalid request." };
  const limited = await creationAllowed(who.id);
  if (limited) return { ok: false as const, message: limited };
  return result(await rotateKey(who, parsed.data.keyId, parsed.data.overlap), (d) => ({
    key: toKeyView(d.key),
    plaintext: d.plaintext,
    oldKey: toKeyView(d.oldKey),
  }));
}

export async function edit(_prev: unknown, form: FormData) {
  const who = await actor();
  const parsed = editKeySchema.safeParse({
    keyId: form.get("keyId"),
    name: form.get("name") ?? "",
    description: form.get("description") ?? "",
    scopes: form.getAll("scopes"),
  });
  if (!parsed.success)
    return { ok: false as const, message: "Some fields need attention.", fieldErrors: fieldErrors<KeyFormField>(parsed.error) };
  const { keyId, ...change } = parsed.data;
  return result(await updateKey(who, keyId, change), toKeyView);
}
