import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { findSessionUser } from "@/lib/data/users/account";
import { isAdminAddress } from "@/lib/core/env";
import { auth } from "./config";
import { REQUESTED_PATH_HEADER, signInUrl } from "./landing";
import { sessionEndReason } from "./session-end";

export type CurrentUser = { id: string; address: string; name: string | null; image: string | null; isAdmin: boolean };

/**
 * The signed-in user, re-read from the database. auth() has already checked that the
 * cookie's server-side session is open (lib/auth/config.ts), so a signed-out, suspended or
 * deleted account stops working on its next request, whatever its cookie says. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const user = await findSessionUser(session.user.id);
  if (!user || user.address !== session.user.address) return null;
  const { role, ...rest } = user;
  return { ...rest, isAdmin: isAdminAddress(user.address) || role === "admin" };
});

/** First line of every signed-in page, action and handler: server actions are public endpoints. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl((await headers()).get(REQUESTED_PATH_HEADER), sessionEndReason()));
  return user;
}

export type AdminCheck = { ok: true; user: CurrentUser } | { ok: false; status: 401 | 403; message: string };

/** For admin actions and JSON routes: 401 signed out, 403 signed in but not an admin. */
export async function checkAdmin(): Promise<AdminCheck> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, status: 401, message: "Sign in again." };
  if (!user.isAdmin) return { ok: false, status: 403, message: "Only admins can do this." };
  return { ok: true, user };
}

/** Admin pages answer 404 to everyone else: their existence is not advertised. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user?.isAdmin) notFound();
  return user;
}
