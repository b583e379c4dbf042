import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { keyWorkspace } from "@/lib/data/keys/detail";
import { recordId } from "@/lib/validation/text";
import { keyPath } from "@/lib/workspaces/paths";

type Params = { params: Promise<{ id: string }> };

/**
 * A key's old address: redirects to its page in its workspace, when the caller is a member of it
 * (personal or team: a rotated team key's page once went here too). Any other id is a 404, as
 * on the key's own page.
 */
export default async function OldKeyPage({ params }: Params) {
  const user = await requireUser();
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const workspace = await keyWorkspace(user.id, id.data);
  if (!workspace) notFound();
  redirect(keyPath(workspace, id.data));
}
