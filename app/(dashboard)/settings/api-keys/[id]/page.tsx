import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { getKeyDetail } from "@/lib/data/key-detail";
import { env } from "@/lib/env";
import { recordId } from "@/lib/validation/text";
import { KeyDetailView } from "../_components/key-detail-view";

type Params = { params: Promise<{ id: string }> };

const detailFor = cache(getKeyDetail); // metadata and page read it once per request

/** One of the user's keys; anyone else's id, or an id that is not one, is a 404. */
async function load({ params }: Params) {
  const user = await requireUser();
  const id = recordId.safeParse((await params).id);
  const detail = id.success ? await detailFor(user.id, id.data) : null;
  if (!detail) notFound();
  return detail;
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: (await load(props)).key.name };
}

export default async function KeyDetailPage(props: Params) {
  return <KeyDetailView detail={await load(props)} apiBase={env.publicOrigin} />;
}
