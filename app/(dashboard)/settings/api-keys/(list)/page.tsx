import type { Metadata } from "next";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { keysPayload } from "@/lib/data/keys/list";
import { env } from "@/lib/core/env";
import { ApiKeysPanel } from "../_components/api-keys-panel";

export const metadata: Metadata = { title: "API keys" };

/** The personal workspace's keys, where they have always been (also at /w/<personal slug>/api-keys). */
export default async function ApiKeysPage() {
  const { member } = await requireWorkspacePage(null);
  return <ApiKeysPanel initial={await keysPayload(member)} apiBase={env.publicOrigin} />;
}
