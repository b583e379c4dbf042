"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { SupportContact } from "@/lib/core/env";

// The deployment's support contact (SUPPORT_URL / SUPPORT_EMAIL), handed down by the signed-in
// layouts: client components cannot read the server's environment.
const SupportContext = createContext<SupportContact | null>(null);

export function SupportProvider({ value, children }: { value: SupportContact | null; children: ReactNode }) {
  return <SupportContext.Provider value={value}>{children}</SupportContext.Provider>;
}

/** "; contact support" with a link, or nothing when the deployment names no contact. */
export function ContactSupport({ before = "; " }: { before?: string }) {
  const support = useContext(SupportContext);
  if (!support) return null;
  return (
    <>
      {before}
      <a href={support.href} className="underline">
        {support.label}
      </a>
    </>
  );
}
