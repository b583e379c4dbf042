import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// Fields the UI may see. Everything the data layer returns goes through a select.
const profileSelect = {
  id: true,
  address: true,
  name: true,
  email: true,
  country: true,
  phone: true,
  useCase: true,
  image: true,
  saveEscrows: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type Profile = Prisma.UserGetPayload<{ select: typeof profileSelect }>;

/**
 * First sign-in creates the profile and the user's personal workspace (which they own, slug =
 * their address in lower case); later ones record the time. The workspace is made with
 * ON CONFLICT DO NOTHING on every sign-in, so two first sign-ins at once make exactly one, and
 * an account from before workspaces existed gets one too.
 */
export async function upsertUserOnSignIn(address: string) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { address },
      create: { address, lastSignInAt: now },
      update: { lastSignInAt: now },
      select: { id: true, address: true },
    });
    await tx.$executeRaw`
      INSERT INTO "Workspace" (id, slug, name, personal, "personalOwnerId", "createdAt", "updatedAt")
      VALUES (${`pw${randomUUID().replaceAll("-", "")}`}, ${personalSlug(address)}, 'Personal', true, ${user.id}, ${now}, ${now})
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`
      INSERT INTO "Membership" (id, "workspaceId", "userId", role, "createdAt")
      SELECT ${`pm${randomUUID().replaceAll("-", "")}`}, w.id, ${user.id}, 'owner', ${now} FROM "Workspace" w WHERE w."personalOwnerId" = ${user.id}
      ON CONFLICT DO NOTHING`;
    return user;
  });
}

/** A personal workspace's slug: the owner's address in lower case (56 characters, never a team's). */
export const personalSlug = (address: string) => address.toLowerCase();

/** A suspended account's suspension (its reason is shown at sign-in), or null. */
export async function findSuspension(address: string): Promise<{ reason: string | null } | null> {
  const user = await db.user.findUnique({ where: { address }, select: { suspendedAt: true, suspendedReason: true } });
  return user?.suspendedAt ? { reason: user.suspendedReason } : null;
}

/** The session's user, or null when the account no longer exists. */
export async function findSessionUser(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, address: true, name: true, image: true, role: true } });
}

export async function getProfile(userId: string): Promise<Profile | null> {
  return db.user.findUnique({ where: { id: userId }, select: profileSelect });
}

export type ProfileUpdate = Pick<Profile, "name" | "email" | "country" | "phone" | "useCase" | "image">;

export async function updateProfile(userId: string, data: ProfileUpdate): Promise<Profile> {
  return db.user.update({ where: { id: userId }, data, select: profileSelect });
}

export async function updatePreferences(userId: string, data: { saveEscrows: boolean }) {
  return db.user.update({ where: { id: userId }, data, select: { saveEscrows: true } });
}
