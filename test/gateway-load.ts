// The load side of the gateway's memory test, in a process of its own so that only Keyport's
// memory is measured: N parallel 10 MB uploads and N downloads through the gateway at BASE with
// KEY; prints one line of JSON with the byte counts.
import { Readable } from "node:stream";
import { request } from "undici";

const base = process.env.BASE!;
const key = process.env.KEY!;
const n = Number(process.env.N ?? 100);
const TEN_MB = 10 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 97);

async function upload() {
  const body = Readable.from(
    (function* () {
      for (let sent = 0; sent < TEN_MB; sent += chunk.length) yield chunk;
    })(),
  );
  const res = await request(`${base}/api/v1/upload`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/octet-stream" },
    body,
  });
  const answer = (await res.body.json()) as { bytes?: number };
  if (answer.bytes === undefined) process.stderr.write(`${res.statusCode} ${JSON.stringify(answer)}\n`);
  return answer.bytes;
}

async function download() {
  const res = await request(`${base}/api/v1/download?mb=10`, { headers: { "x-api-key": key } });
  let bytes = 0;
  for await (const part of res.body) bytes += (part as Buffer).length;
  return bytes;
}

void Promise.all([...Array.from({ length: n }, upload), ...Array.from({ length: n }, download)]).then((sizes) => {
  process.stdout.write(`${JSON.stringify({ sizes: [...new Set(sizes)], count: sizes.length })}\n`);
});
