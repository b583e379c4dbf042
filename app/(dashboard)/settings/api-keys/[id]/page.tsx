import type { Metadata } from "next";
import { keyDetailPage } from "../_components/key-detail-page";

type Params = { params: Promise<{ id: string }> };

/** One key of the personal workspace; any other id, or one that is not an id, is a 404. */
const page = (props: Params) => keyDetailPage(null, props.params);

export async function generateMetadata(props: Params): Promise<Metadata> {
  return page(props).metadata();
}

export default async function KeyDetailPage(props: Params) {
  return page(props).render();
}
