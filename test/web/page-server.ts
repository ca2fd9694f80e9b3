/**
 * A loopback web server for the URL tests: each path is a handler the test sets, and every
 * request is recorded (with its conditional headers) so a test can assert what was asked.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface PageServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  routes: Map<string, Handler>;
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

/** Starts the server on port 0; unknown paths answer 404. */
export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, Handler>();
  const requests: PageServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({
      path,
      ifNoneMatch: req.headers["if-none-match"],
      ifModifiedSince: req.headers["if-modified-since"],
    });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that serves `body` with a content type and optional headers. */
export const serve =
  (
    body: string | Uint8Array,
    type = "text/html; charset=utf-8",
    headers: Record<string, string> = {},
  ): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": type, ...headers }).end(body);
  };
