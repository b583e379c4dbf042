import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyport", template: "%s · Keyport" },
  description: "Self-service API keys for platforms built on Stellar.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
