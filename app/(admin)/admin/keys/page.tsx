import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { AdminKeysTable } from "./_components/admin-keys-table";
import { LeakedKeySearch } from "./_components/leaked-key-search";

export const metadata: Metadata = { title: "Keys · Admin" };

export default async function AdminKeysPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string }> }) {
  await requireAdmin();
  const { status, q } = await searchParams;
  return (
    <div className="space-y-8">
      <LeakedKeySearch />
      <AdminKeysTable
        initialStatus={["active", "disabled", "revoked", "expired"].includes(status ?? "") ? status! : ""}
        initialQ={typeof q === "string" ? q.slice(0, 100) : ""}
      />
    </div>
  );
}
