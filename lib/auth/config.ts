import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { endSession, openSession, SESSION_MAX_AGE_S } from "@/lib/data/sign-in/sessions";
import { authSecret } from "@/lib/core/env";
import { limitSignIn } from "@/lib/limits/limits";
import { ipFromHeaders } from "@/lib/http/client-ip";
import { sessionToken } from "./session-token";
import type { SignInErrorCode } from "./sign-in-errors";
import { verifySignIn } from "./verify-sign-in";

/** Carries the specific reason to the sign-in action; never contains secrets. */
export class WalletSignInError extends CredentialsSignin {
  constructor(code: SignInErrorCode) {
    super(code);
    this.code = code;
  }
}

declare module "next-auth" {
  interface Session {
    user: { id: string; address: string };
  }
  interface User {
    address?: string;
    sid?: string;
  }
}

const config = (): NextAuthConfig => ({
  secret: authSecret(),
  // Absolute URLs come from AUTH_URL (server.ts sets it to the configured public origin),
  // which next-auth prefers to the request's Host.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      id: "stellar",
      name: "Stellar wallet",
      // signature (SEP-53) or transaction (SEP-10): the stored challenge decides which must come.
      credentials: { address: {}, nonce: {}, signature: {}, transaction: {} },
      // Every way in passes here (the sign-in action and a direct POST to
      // /api/auth/callback/stellar alike), so the per-IP limit on attempts lives here.
      async authorize(credentials, request) {
        const ip = ipFromHeaders(request.headers);
        const limit = await limitSignIn("verify", ip);
        if (!limit.ok) throw new WalletSignInError("rate_limited");
        const result = await verifySignIn(credentials);
        if (!result.ok) throw new WalletSignInError(result.code);
        const sid = await openSession(result.user.id, new Date(), ip);
        if (!sid) throw new WalletSignInError("suspended");
        return { id: result.user.id, address: result.user.address, sid };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => sessionToken(token, user),
    session({ session, token }) {
      session.user = { ...session.user, id: token.sub ?? "", address: String(token.address ?? "") };
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(sid, "signed_out");
    },
  },
  logger: {
    // A failed sign-in is an expected outcome with its own message, not a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
});

export const { handlers, auth, signIn, signOut } = NextAuth(config);
