import type { Metadata } from "next";
import { ApiKeysPanel } from "@/app/(dashboard)/settings/api-keys/_components/api-keys-panel";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { keysPayload } from "@/lib/data/keys/list";
import { env } from "@/lib/core/env";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { member } = await requireWorkspacePage((await params).slug);
  return { title: `API keys · ${member.workspace.name}` };
}

/** A workspace's keys: every member reads them; the role decides what each may change. */
export default async function WorkspaceKeysPage({ params }: Params) {
  const { member } = await requireWorkspacePage((await params).slug);
  return (
    <div className="mx-auto max-w-6xl">
      <ApiKeysPanel initial={await keysPayload(member)} apiBase={env.publicOrigin} />
    </div>
  );
}
