// React's own reply decoder, as Next.js runs it for a server action (it needs the react-server
// condition, so tests run it in a child: `node --conditions=react-server test/react-decoder.mjs`).
// Reads one JSON line per body — a string, or a list of [name, text] / [name, {file}] parts —
// and writes one line per body: "ok" when it decodes to an argument list, else the throw.
import server from "next/dist/compiled/react-server-dom-webpack/server.node.js";

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const out = [];
  for (const line of input.split("\n").filter(Boolean)) {
    const body = JSON.parse(line);
    let reply = body;
    if (Array.isArray(body)) {
      reply = new FormData();
      for (const [name, value] of body) reply.append(name, typeof value === "string" ? value : new File([value.file], value.file));
    }
    try {
      const args = await server.decodeReply(reply, {}, { temporaryReferences: server.createTemporaryReferenceSet() });
      out.push(Array.isArray(args) ? "ok" : "not a list");
    } catch (error) {
      out.push(`throw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  process.stdout.write(out.join("\n") + "\n");
});
