import Link from "next/link";
import { dateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { expiresSoon, type KeyView } from "@/lib/keys/view";

/** On a key's page: it stops working soon (rotate it), or it has expired (it never works again: request a new one). */
export function ExpiryNotice({ keyView: k }: { keyView: KeyView }) {
  const days = expiresSoon(k);
  if (days !== null && k.expiresAt) {
    return (
      <Alert tone="warning">
        This key stops working in {days} {days === 1 ? "day" : "days"}, on {dateTime(k.expiresAt)}. Use <strong>Rotate</strong> above: the
        new key keeps its name, scopes and allowlist, and this one keeps working for the overlap you choose.
      </Alert>
    );
  }
  if (k.status === "expired" && k.expiresAt) {
    return (
      <Alert tone="warning">
        This key expired on {dateTime(k.expiresAt)} and can never work again. Calls with it get 401.{" "}
        <Link href="/settings/api-keys" className="font-medium underline">
          Request a new key
        </Link>{" "}
        and replace it where it is used.
      </Alert>
    );
  }
  return null;
}
