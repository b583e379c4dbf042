import "server-only";
// Reading a workspace's keys, for its members (the caller's membership is checked by the
// page, route or action first: lib/data/workspaces/access.ts). Every change goes through ./lifecycle.ts.
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyStatus, workspaceUseCase, type KeyStatus } from "@/lib/keys/lifecycle";
import { toKeyView, type KeysPayload } from "@/lib/keys/view";
import { liveKeyWhere } from "./filters";
import { getMainnetAccess } from "@/lib/data/mainnet/requests";
import { workspaceSparklines } from "@/lib/data/usage/summaries";
import type { Member } from "@/lib/data/workspaces/access";

// What members' screens may see of a key. The hash never leaves lib/data. `keyColumns`: the
// key's own columns (writes return them, then add the creator they already know).
export const keyColumns = {
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
export const keySelect = { ...keyColumns, createdBy: { select: { id: true, address: true, name: true } } } satisfies Prisma.ApiKeySelect;

export type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;
export type KeyDTO = KeyRow & { status: KeyStatus; defaultRateLimit: number };

export const toDTO = (k: KeyRow, now = new Date()): KeyDTO => ({
  ...k,
  status: keyStatus(k, now),
  defaultRateLimit: env.RATE_LIMIT_API_PER_MINUTE,
});

export async function listKeys(workspaceId: string): Promise<KeyDTO[]> {
  const rows = await db.apiKey.findMany({ where: { workspaceId }, select: keySelect, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((r) => toDTO(r, now));
}

export async function getKeyContext(workspaceId: string, userId: string) {
  const [user, workspace, active] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { useCase: true } }),
    db.workspace.findUnique({ where: { id: workspaceId }, select: { mainnetApproved: true, personal: true, useCase: true } }),
    db.apiKey.count({ where: { workspaceId, ...liveKeyWhere(new Date()) } }),
  ]);
  // A team's keys need the team's use case; a personal workspace's, its owner's profile.
  const { useCase } = workspaceUseCase(workspace, user?.useCase);
  return { hasUseCase: !!useCase, mainnetApproved: !!workspace?.mainnetApproved, active, limit: env.MAX_ACTIVE_KEYS };
}

/**
 * Everything a workspace's API Keys tab shows, as JSON-safe views (Mainnet access too: polled,
 * so an approval shows up by itself). `member` comes from requireMember: the caller is in it.
 */
export async function keysPayload(member: Member): Promise<KeysPayload> {
  const { workspace, userId, role } = member;
  const readAt = Date.now();
  const [keys, context, mainnet, usage] = await Promise.all([
    listKeys(workspace.id),
    getKeyContext(workspace.id, userId),
    getMainnetAccess(workspace.id, userId),
    workspaceSparklines(workspace.id),
  ]);
  return { readAt, keys: keys.map(toKeyView), usage, context: { ...context, mainnet, workspace: { ...workspace, role }, you: userId } };
}
