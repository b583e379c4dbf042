// The HTML around every e-mail. Everything a person or a report wrote (key, team and person
// names, reasons, URLs) goes through `esc`; links are built here from the app's own origin.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and attribute values. */
export const esc = (v: string) => v.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A tagged template that escapes every value (wrap trusted markup in `raw`). */
export function html(strings: TemplateStringsArray, ...values: (string | number | Raw)[]): Raw {
  return raw(strings.reduce((out, s, i) => out + s + (i < values.length ? show(values[i]!) : ""), ""));
}
export type Raw = { readonly __html: string };
export const raw = (s: string): Raw => ({ __html: s });
const show = (v: string | number | Raw) => (typeof v === "object" ? v.__html : esc(String(v)));

/** A whole message: the product's name, the paragraphs, the button to the page, the footer. */
export function layout(opts: { title: string; paragraphs: Raw[]; link: { href: string; label: string }; footer: string }): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${opts.title}</title>
      </head>
      <body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b">
        <div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px">
          <p style="margin:0 0 16px;font-weight:600;font-size:14px;color:#4f46e5">Keyport</p>
          <h1 style="margin:0 0 16px;font-size:20px">${opts.title}</h1>
          ${raw(opts.paragraphs.map((p) => `<p style="margin:0 0 12px;font-size:15px;line-height:1.5">${p.__html}</p>`).join("\n"))}
          <p style="margin:20px 0">
            <a
              href="${opts.link.href}"
              style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600"
              >${opts.link.label}</a
            >
          </p>
          <p style="margin:0;font-size:13px;color:#52525b">Or open ${opts.link.href}</p>
        </div>
        <p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#52525b">${opts.footer}</p>
      </body>
    </html>`.__html;
}
