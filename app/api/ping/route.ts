import { apiJson } from "@/lib/api/respond";

/** Liveness: the process answers. No database, no auth (the benchmark's baseline too). */
export function GET() {
  return apiJson({ status: "ok" });
}
