import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "@/lib/env";
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
  }
}

const config = (): NextAuthConfig => ({
  secret: authSecret(),
  // Host comes from the request: the app runs on any host:port (QA points BASE_URL anywhere).
  // Set AUTH_URL behind a proxy that does not set X-Forwarded-Host faithfully.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      id: "stellar",
      name: "Stellar wallet",
      credentials: { address: {}, nonce: {}, signature: {} },
      async authorize(credentials) {
        const result = await verifySignIn(credentials);
        if (!result.ok) throw new WalletSignInError(result.code);
        return { id: result.user.id, address: result.user.address };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.address = user.address;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { ...session.user, id: token.sub ?? "", address: String(token.address ?? "") };
      return session;
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
