"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { WorkspaceContext } from "@/lib/keys/view";

type Value = WorkspaceContext & { you: string };
const Ctx = createContext<Value | null>(null);

/** The workspace a page is about: every key and member action sends its id; the server checks the role. */
export function WorkspaceProvider({ value, children }: { value: Value; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspace(): Value {
  const value = useContext(Ctx);
  if (!value) throw new Error("useWorkspace() outside a WorkspaceProvider");
  return value;
}
