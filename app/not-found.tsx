import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center px-4 text-center">
      <div className="space-y-4">
        <p className="text-sm font-semibold text-indigo-600">404</p>
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-zinc-600 dark:text-zinc-400">There is nothing at this address.</p>
        <Link href="/" className={buttonClasses("secondary")}>
          Back to Keyport
        </Link>
      </div>
    </main>
  );
}
