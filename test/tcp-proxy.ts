// A TCP proxy a test can switch between passing, hanging (nothing forwarded either way: a stuck
// server or network) and cutting (every connection closed, new ones refused): Redis slow or
// away without stopping the Redis server itself.
import net from "node:net";

export type ProxyMode = "pass" | "hang" | "cut";
export type TcpProxy = { port: number; mode(next: ProxyMode): void; close(): Promise<void> };

type Pair = { client: net.Socket; upstream: net.Socket };

function apply(mode: ProxyMode, { client, upstream }: Pair) {
  if (mode === "cut") {
    client.destroy();
    upstream.destroy();
  } else if (mode === "hang") {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  } else {
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

export async function tcpProxy(target: net.NetConnectOpts): Promise<TcpProxy> {
  let mode: ProxyMode = "pass";
  const pairs = new Set<Pair>();
  const server = net.createServer((client) => {
    if (mode === "cut") {
      client.destroy();
      return;
    }
    const pair = { client, upstream: net.connect(target) };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      pair.client.destroy();
      pair.upstream.destroy();
    };
    client.on("error", end).on("close", end);
    pair.upstream.on("error", end).on("close", end);
    apply(mode, pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    mode(next) {
      mode = next;
      for (const pair of pairs) apply(next, pair);
    },
    close: () =>
      new Promise((resolve) => {
        for (const pair of pairs) apply("cut", pair);
        server.close(() => resolve());
      }),
  };
}
