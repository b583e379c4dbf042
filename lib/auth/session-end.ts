import "server-only";
import { cache } from "react";
import type { SessionEndReason } from "@/lib/data/sign-in/sessions";

// Why this request's session cookie stopped counting, so the redirect to sign-in can say
// so ("an admin suspended your account"). Per request: React's cache is request-scoped.
const ended = cache(() => ({ reason: null as SessionEndReason | null }));

export function noteSessionEnded(reason: SessionEndReason) {
  ended().reason = reason;
}

export const sessionEndReason = () => ended().reason;
