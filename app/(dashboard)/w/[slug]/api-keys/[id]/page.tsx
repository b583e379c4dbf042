import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { getKeyDetail } from "@/lib/data/keys/detail";
import { ownKeyUsage } from "@/lib/data/usage/counts";
import { env } from "@/lib/core/env";
import { recordId } from "@/lib/validation/text";
import { usageCard } from "@/components/usage/usage-card";
import { KeyDetailView } from "../_components/key-detail-view";

type Params = { params: Promise<{ slug: string; id: string }> };

/**
 * Membership first; a key of another workspace, or an id that is not one, is a 404. Cached:
 * the metadata and the page read it once per request.
 */
const load = cache(async (slug: string, rawId: string) => {
  const { member } = await requireWorkspacePage(slug);
  const id = recordId.safeParse(rawId);
  const detail = id.success ? await getKeyDetail(member.workspace.id, member.userId, id.data) : null;
  if (!detail) notFound();
  return { detail, member };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, id } = await params;
  return { title: (await load(slug, id)).detail.key.name };
}

/** One key of a workspace, drawn on the server with its first range of usage; the usage card then polls a GET route. */
export default async function WorkspaceKeyPage({ params }: Params) {
  const { slug, id } = await params;
  const { detail, member } = await load(slug, id);
  const usage = await ownKeyUsage(member.userId, detail.key.id, "24h");
  return (
    <div className="mx-auto max-w-6xl">
      <KeyDetailView detail={detail} usage={usage && usageCard(usage)} apiBase={env.publicOrigin} workspace={workspaceView(member)} />
    </div>
  );
}
