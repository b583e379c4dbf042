import type { Metadata } from "next";
import Link from "next/link";
import { HydrationMarker } from "@/components/hydration-marker";
import { Logo } from "@/components/logo";
import { VerifyForm } from "./_components/verify-form";

export const metadata: Metadata = { title: "Verify a receipt" };

const link = "text-indigo-700 underline underline-offset-2 dark:text-indigo-300";

/** Public: anyone holding an exported audit event can check its signed receipt, signed in or not. */
export default function VerifyReceiptPage() {
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      <HydrationMarker />
      <Link href="/" className="inline-block">
        <Logo />
      </Link>
      <h1 className="text-2xl font-semibold">Verify a signed receipt</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Changes that move real money or widen a key are signed in the wallet at that moment, over a receipt naming the change. Paste a
        receipt from the audit log (<strong>Copy receipt</strong>, or the <strong>Signed receipt</strong> column of the export) to check
        that the address it names signed exactly that text. The check uses the Stellar SDK only; the same check runs offline with{" "}
        <code className="font-mono">npx tsx scripts/verify-receipt.ts receipt.json</code>. See also the{" "}
        <Link href="/docs" className={link}>
          API reference
        </Link>
        .
      </p>
      <VerifyForm />
    </main>
  );
}
