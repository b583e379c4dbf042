import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { AdminUsersTable } from "./_components/admin-users-table";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ mainnet?: string; q?: string }> }) {
  const me = await requireAdmin();
  const { mainnet, q } = await searchParams;
  return (
    <AdminUsersTable
      myId={me.id}
      initialMainnet={mainnet === "pending" ? "pending" : ""}
      initialQ={typeof q === "string" ? q.slice(0, 100) : ""}
    />
  );
}
