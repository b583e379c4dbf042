import "server-only";
// Reading a user's keys. Every change to a key goes through ./key-lifecycle.ts.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyStatus, type KeyStatus } from "@/lib/keys/lifecycle";
import { toKeyView, type KeysPayload } from "@/lib/keys/view";
import { liveKeyWhere } from "./key-filters";
import { getMainnetAccess } from "./mainnet-requests";

// What the owner's UI may see of a key. The hash never leaves lib/data.
export const keySelect = {
  id: true,
  name: true,
  description: true,
  network: true,
  start: true,
  end: true,
  scopes: true,
  enabled: true,
  heldAt: true,
  heldReason: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  revokedAt: true,
  rotatedAt: true,
  replacedById: true,
  allowedIps: true,
  rateLimit: true,
  rateLimitCeiling: true,
  leakedAt: true,
  leakedUrl: true,
  leakedSource: true,
} satisfies Prisma.ApiKeySelect;

export type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;
export type KeyDTO = KeyRow & { status: KeyStatus; defaultRateLimit: number };

export const toDTO = (k: KeyRow, now = new Date()): KeyDTO => ({
  ...k,
  status: keyStatus(k, now),
  defaultRateLimit: env.RATE_LIMIT_API_PER_MINUTE,
});

export async function listKeys(userId: string): Promise<KeyDTO[]> {
  const rows = await db.apiKey.findMany({ where: { userId }, select: keySelect, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((r) => toDTO(r, now));
}

export async function getUserKeyContext(userId: string) {
  const [user, active] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { useCase: true, mainnetApproved: true } }),
    db.apiKey.count({ where: { userId, ...liveKeyWhere(new Date()) } }),
  ]);
  return { hasUseCase: !!user?.useCase, mainnetApproved: !!user?.mainnetApproved, active, limit: env.MAX_ACTIVE_KEYS };
}

/** Everything the API Keys tab shows, as JSON-safe views (Mainnet access too: polled, so an approval shows up by itself). */
export async function keysPayload(userId: string): Promise<KeysPayload> {
  const [keys, context, mainnet] = await Promise.all([listKeys(userId), getUserKeyContext(userId), getMainnetAccess(userId)]);
  return { keys: keys.map(toKeyView), context: { ...context, mainnet } };
}
