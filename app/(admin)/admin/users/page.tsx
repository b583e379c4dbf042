import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { AdminUsersTable } from "./_components/admin-users-table";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function AdminUsersPage() {
  const me = await requireAdmin();
  return <AdminUsersTable myId={me.id} />;
}
