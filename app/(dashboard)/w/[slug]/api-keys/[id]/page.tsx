import type { Metadata } from "next";
import { keyDetailPage } from "@/app/(dashboard)/settings/api-keys/_components/key-detail-page";

type Params = { params: Promise<{ slug: string; id: string }> };

const page = ({ params }: Params) =>
  keyDetailPage(
    params.then((p) => p.slug),
    params,
  );

export async function generateMetadata(props: Params): Promise<Metadata> {
  return page(props).metadata();
}

/** One key of a workspace; a key of another workspace is a 404. */
export default async function WorkspaceKeyPage(props: Params) {
  return <div className="mx-auto max-w-6xl">{await page(props).render()}</div>;
}
