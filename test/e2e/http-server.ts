import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny HTTP server on 127.0.0.1 for e2e tests of modules that fetch (get_url, uri).
// Routes map a path (exact, query string ignored) to a static response or a handler.

export interface HttpRequestLog {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpResponseSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpRoute =
  | HttpResponseSpec
  | ((request: HttpRequestLog) => HttpResponseSpec | Promise<HttpResponseSpec>);

export interface TestHttpServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Every request received so far, in order (tests assert "nothing was fetched"). */
  requests: HttpRequestLog[];
  stop(): Promise<void>;
}

export async function startHttpServer(routes: Record<string, HttpRoute>): Promise<TestHttpServer> {
  const requests: HttpRequestLog[] = [];
  const server = createServer((req, res) => {
    void handle(routes, requests, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  routes: Record<string, HttpRoute>,
  requests: HttpRequestLog[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const request: HttpRequestLog = {
    method: req.method ?? 'GET',
    path,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
  requests.push(request);
  const route = routes[path];
  let spec: HttpResponseSpec;
  try {
    spec = route === undefined ? { status: 404, body: 'not found\n' } : typeof route === 'function' ? await route(request) : route;
  } catch (error) {
    spec = { status: 500, body: String(error) };
  }
  const body = spec.body ?? '';
  res.writeHead(spec.status ?? 200, { 'content-length': String(Buffer.byteLength(body)), ...spec.headers });
  res.end(body);
}
