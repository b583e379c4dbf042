import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { personalWorkspace } from "@/lib/data/workspaces/access";
import { keysPath } from "@/lib/workspaces/paths";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where the personal keys used to live, kept for bookmarks, the docs and old links: redirects to
 * the personal workspace's keys, query and all (?request=1 still opens the request form).
 */
export default async function PersonalKeys({ searchParams }: Props) {
  const user = await requireUser();
  const personal = await personalWorkspace(user.id);
  if (!personal) notFound();
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, v);
  const search = query.toString();
  redirect(`${keysPath(personal)}${search ? `?${search}` : ""}`);
}
