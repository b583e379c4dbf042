/** The Keyport mark and name: large on the sign-in page, small in the shell's sidebar. */
export function Logo({ size = "sm" }: { size?: "sm" | "lg" }) {
  const large = size === "lg";
  return (
    <span className="flex items-center gap-2">
      <span
        aria-hidden="true"
        className={`grid place-items-center bg-indigo-600 font-bold text-white ${large ? "size-9 rounded-lg text-lg" : "size-7 rounded-md text-sm"}`}
      >
        K
      </span>
      <span className={`font-semibold tracking-tight ${large ? "text-2xl" : "text-lg"}`}>Keyport</span>
    </span>
  );
}
