import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { keysPayload } from "@/lib/data/api-keys";
import { env } from "@/lib/env";
import { ApiKeysPanel } from "./_components/api-keys-panel";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const user = await requireUser();
  return <ApiKeysPanel initial={await keysPayload(user.id)} apiBase={env.publicOrigin} />;
}
