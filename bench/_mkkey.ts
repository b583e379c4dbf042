import { makeKey, makeUser } from "../test/factories";
async function main() { const u = await makeUser(); const { plaintext } = await makeKey(u, { name: "bench" }); console.log("KEY", plaintext); process.exit(0); }
void main();
