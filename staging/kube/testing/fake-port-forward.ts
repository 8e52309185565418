import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

const PORT_FORWARD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

/**
 * The pods/portforward subresource as the API server speaks it (channel.k8s.io WebSocket framing: byte 0 = channel,
 * channel 0 data and 1 errors, each opening with the 2-byte little-endian port). Each stream is carried to
 * `backend(pod, port)`, a loopback TCP port standing in for the pod.
 */
export function servePortForward(server: Server, backend: (pod: string, port: number) => number | undefined, log: string[]): () => void {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false) });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = PORT_FORWARD_PATH.exec(url.pathname);
    const port = Number(url.searchParams.get('ports'));
    const target = match ? backend(match[2]!, port) : undefined;
    if (!match || target === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    log.push(`${match[1]}/${match[2]}:${port}`);
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, port, target));
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}

function bridge(ws: WebSocket, port: number, target: number): void {
  const header = (channel: number) => Buffer.from([channel, port & 0xff, port >> 8]);
  ws.send(header(0));
  ws.send(header(1));
  const upstream = connect(target, '127.0.0.1');
  upstream.on('data', (chunk: Buffer) => ws.send(Buffer.concat([Buffer.from([0]), chunk])));
  upstream.on('close', () => ws.close());
  upstream.on('error', () => ws.close());
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data.length > 1) upstream.write(data.subarray(1));
  });
  ws.on('close', () => upstream.destroy());
}
