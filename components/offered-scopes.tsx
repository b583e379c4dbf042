"use client";

import { createContext, useContext, type ReactNode } from "react";
import { offeredScopes, type Scope } from "@/lib/keys/scopes";

/**
 * What the key screens need of the deployment's configuration, handed down by the signed-in
 * layout (client components cannot read it): the scopes a new key may be given (Keyport's own
 * checked scopes, and in gateway mode the route table's), and in gateway mode the plain GET
 * routes of the table with their scope, so the show-once dialog can show a call of the
 * platform's own API.
 */
export type KeyOptions = { scopes: readonly Scope[]; gatewayGets: readonly { path: string; scope: string | null }[] };

const KeyOptionsContext = createContext<KeyOptions | null>(null);

export function KeyOptionsProvider({ value, children }: { value: KeyOptions; children: ReactNode }) {
  return <KeyOptionsContext.Provider value={value}>{children}</KeyOptionsContext.Provider>;
}

/** The deployment's offered scopes; outside the signed-in layout, Keyport's own. */
export function useOfferedScopes(): readonly Scope[] {
  return useContext(KeyOptionsContext)?.scopes ?? offeredScopes();
}

/** The first GET route a key with `scopes` may call: one that needs a scope it holds, else one that needs none. */
export function gatewayExample(gets: KeyOptions["gatewayGets"], scopes: readonly string[]): string | null {
  return (gets.find((g) => g.scope !== null && scopes.includes(g.scope)) ?? gets.find((g) => g.scope === null))?.path ?? null;
}

/** gatewayExample for this deployment: null without a gateway. */
export function useGatewayExample(scopes: readonly string[]): string | null {
  return gatewayExample(useContext(KeyOptionsContext)?.gatewayGets ?? [], scopes);
}
