"use client";

import { createContext, useContext, type ReactNode } from "react";
import { offeredScopes, type Scope } from "@/lib/keys/scopes";

// The scopes a new key may be given on this deployment (Keyport's own checked scopes, and in
// gateway mode the route table's), handed down by the signed-in layout: the route table is the
// server's configuration, which client components cannot read.
const OfferedScopes = createContext<readonly Scope[] | null>(null);

export function OfferedScopesProvider({ value, children }: { value: readonly Scope[]; children: ReactNode }) {
  return <OfferedScopes.Provider value={value}>{children}</OfferedScopes.Provider>;
}

/** The deployment's offered scopes; outside the signed-in layout, Keyport's own. */
export function useOfferedScopes(): readonly Scope[] {
  return useContext(OfferedScopes) ?? offeredScopes();
}
