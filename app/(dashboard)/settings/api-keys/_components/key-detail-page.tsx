import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { getKeyDetail } from "@/lib/data/keys/detail";
import { env } from "@/lib/core/env";
import { recordId } from "@/lib/validation/text";
import { KeyDetailView } from "./key-detail-view";

const detailFor = cache(getKeyDetail); // metadata and page read it once per request

/**
 * A key's page in a workspace (slug null: the personal one). Checks membership first; a key
 * of another workspace, or an id that is not one, is a 404.
 */
export function keyDetailPage(slug: string | null | Promise<string>, params: Promise<{ id: string }>) {
  const load = async () => {
    const { member } = await requireWorkspacePage(await slug);
    const id = recordId.safeParse((await params).id);
    const detail = id.success ? await detailFor(member.workspace.id, member.userId, id.data) : null;
    if (!detail) notFound();
    return { detail, member };
  };
  return {
    metadata: async () => ({ title: (await load()).detail.key.name }),
    render: async () => {
      const { detail, member } = await load();
      return <KeyDetailView detail={detail} apiBase={env.publicOrigin} workspace={workspaceView(member)} />;
    },
  };
}
