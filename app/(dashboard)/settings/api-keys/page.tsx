import type { Metadata } from "next";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { keysPayload } from "@/lib/data/api-keys";
import { ApiKeysPanel } from "./_components/api-keys-panel";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const user = await requireUser();
  const h = await headers();
  const apiBase = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  return <ApiKeysPanel initial={await keysPayload(user.id)} apiBase={apiBase} />;
}
