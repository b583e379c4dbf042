import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { requireAdmin } from "@/lib/auth/session";
import { adminOverview } from "@/lib/data/admin/overview";
import { ActivityChart } from "./_components/activity-chart";
import { PendingRequests } from "./_components/pending-requests";
import { PlatformUsage, PlatformUsageLoading } from "./_components/platform-usage";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin(); // the layout checks too, but a page must not rely on it
  const { counts, pending, activity } = await adminOverview();
  const stats = [
    { label: "Users", value: counts.users, href: "/admin/users" },
    { label: "Keys issued", value: counts.keys, href: "/admin/keys" },
    { label: "Keys active", value: counts.active, href: "/admin/keys?status=active" },
    { label: "Audit events", value: counts.audits, href: "/admin/audit" },
  ];
  return (
    <div className="space-y-6">
      {/* The overview has no form of its own: this marks it interactive (the chart is drawn on the server). */}
      <HydrationMarker />
      <section aria-labelledby="counts-title">
        <h2 id="counts-title" className="sr-only">
          Counts
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <li key={s.label}>
              <Link
                href={s.href}
                className="block rounded-lg border border-zinc-200 bg-white p-5 shadow-xs hover:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500"
              >
                <span className="block text-sm text-zinc-600 dark:text-zinc-400">{s.label}</span>
                <span className="mt-1 block text-2xl font-semibold tabular-nums">{s.value.toLocaleString("en")}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <ActivityChart days={activity} />
        </div>
        <PendingRequests {...pending} />
      </div>
      <Suspense fallback={<PlatformUsageLoading />}>
        <PlatformUsage />
      </Suspense>
    </div>
  );
}
