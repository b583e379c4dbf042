import "server-only";
import type { JWT } from "next-auth/jwt";
import { isDatabaseUnavailable } from "@/lib/database/errors";
import { sessionState } from "@/lib/data/sign-in/sessions";
import { noteSessionEnded } from "./session-end";

/**
 * next-auth's jwt callback: runs on every auth() call and on /api/auth/session. At sign-in
 * it records the server-side session id in the token; afterwards a token whose session has
 * ended (signed out, signed out everywhere, suspended, expired) is no session at all.
 */
export async function sessionToken(token: JWT, user?: { id?: string; address?: string; sid?: string }): Promise<JWT | null> {
  if (user?.sid) return { ...token, sub: user.id, address: user.address, sid: user.sid };
  if (typeof token.sid !== "string") return null; // issued before server-side sessions, or forged
  try {
    const state = await sessionState(token.sid);
    if (state.open && state.userId === token.sub) return token;
    noteSessionEnded(state.open ? "signed_out" : state.reason);
    return null;
  } catch (error) {
    // An outage is not a sign-out: the page's own queries fail next and say so (503).
    if (isDatabaseUnavailable(error)) return token;
    throw error;
  }
}
