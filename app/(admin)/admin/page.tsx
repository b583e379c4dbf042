import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { countUsers } from "@/lib/data/admin";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin(); // the layout checks too, but a page must not rely on it
  const users = await countUsers();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <Card title="Overview" description="Admins are the wallet addresses listed in ADMIN_ADDRESSES.">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-zinc-500">Users</dt>
            <dd className="text-2xl font-semibold">{users}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
