import { TextAreaField } from "@/components/ui/field";

/** The key's IP allowlist, one address or CIDR range per line; empty means anywhere. */
export function AllowlistField({ defaultValue = "", error }: { defaultValue?: string; error?: string }) {
  return (
    <TextAreaField
      label="Allowed IPs (optional)"
      name="allowedIps"
      defaultValue={defaultValue}
      rows={2}
      maxLength={4000}
      spellCheck={false}
      autoComplete="off"
      placeholder={"203.0.113.7\n10.0.0.0/8"}
      hint="Addresses or CIDR ranges, IPv4 or IPv6, one per line. Requests from anywhere else get 403 ip_not_allowed. Leave empty to allow any address."
      error={error}
    />
  );
}
