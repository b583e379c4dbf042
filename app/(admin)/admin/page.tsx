import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { adminOverview } from "@/lib/data/admin-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin(); // the layout checks too, but a page must not rely on it
  const o = await adminOverview();
  const stats = [
    { label: "Users", value: o.users, href: "/admin/users" },
    { label: "Keys issued", value: o.keys, href: "/admin/keys" },
    { label: "Keys active", value: o.active, href: "/admin/keys?status=active" },
    { label: "Audit events", value: o.audits, href: "/admin/audit" },
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {stats.map((s) => (
        <Link
          key={s.label}
          href={s.href}
          className="rounded-lg border border-zinc-200 bg-white p-5 hover:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <dt className="text-sm text-zinc-600 dark:text-zinc-400">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold">{s.value.toLocaleString("en")}</dd>
        </Link>
      ))}
    </dl>
  );
}
