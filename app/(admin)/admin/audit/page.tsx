import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log · Admin" };

export default async function AuditPage() {
  await requireAdmin();
  return <AuditTable />;
}
