import { createServer, type Server, type Socket } from 'node:net';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { KubeClient } from './client.ts';

/** Carries one TCP connection to a pod port. */
export interface Forwarder {
  forward(pod: string, port: number, socket: Socket): Promise<void>;
}

export interface LoopbackForward {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The Kubernetes port-forward subresource over WebSocket, through client-node. */
export function kubeForwarder(kc: KubeConfig, namespace: string): Forwarder {
  const portForward = new PortForward(kc, true);
  return {
    async forward(pod, port, socket) {
      const handle = await portForward.portForward(namespace, pod, [port], socket, null, socket);
      const ws = typeof handle === 'function' ? handle() : handle;
      socket.once('close', () => ws?.close());
      // The pod went away (chaos, rollout): end the loopback connection too, so the client sees it and reconnects.
      ws?.on('close', () => socket.destroy());
    },
  };
}

/**
 * Listens on 127.0.0.1:<free port>; each connection is sent to a ready pod behind `service`, resolved per
 * connection so a pod killed by chaos is replaced on the next connection.
 */
export async function openLoopbackForward(options: {
  client: Pick<KubeClient, 'serviceTarget'>;
  forwarder: Forwarder;
  service: string;
  port: string;
  log: Logger;
}): Promise<LoopbackForward> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    void (async () => {
      try {
        const target = await options.client.serviceTarget(options.service, options.port);
        await options.forwarder.forward(target.pod, target.port, socket);
      } catch (error) {
        options.log.warn(`port-forward to service ${options.service}:${options.port} failed: ${errorMessage(error)}`);
        socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('port-forward listener has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
