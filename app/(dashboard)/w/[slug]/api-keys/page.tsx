import type { Metadata } from "next";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { keysPayload } from "@/lib/data/keys/list";
import { env } from "@/lib/core/env";
import { ApiKeysPanel } from "./_components/api-keys-panel";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace } = (await requireWorkspacePage((await params).slug)).member;
  return { title: workspace.personal ? "API keys" : `API keys · ${workspace.name}` };
}

/**
 * A workspace's keys, the personal one's too (/settings/api-keys redirects here): every member
 * reads them; the role decides what each may change. No loading.tsx: a streamed skeleton would
 * fix the status at 200, and a non-member must get a 404.
 */
export default async function WorkspaceKeysPage({ params }: Params) {
  const { member } = await requireWorkspacePage((await params).slug);
  return (
    <div className="mx-auto max-w-6xl">
      <ApiKeysPanel initial={await keysPayload(member)} apiBase={env.publicOrigin} />
    </div>
  );
}
