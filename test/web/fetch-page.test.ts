import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedAddress, isPublicAddress } from "../../src/web/address-policy.ts";
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchPage } from "../../src/web/fetch-page.ts";
import { WebSourceError } from "../../src/web/web-error.ts";
import { type PageServer, serve, startPageServer } from "./page-server.ts";

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());

/** The loopback server counts as public here; every other private address stays refused. */
const limits: FetchLimits = {
  ...DEFAULT_FETCH_LIMITS,
  timeoutMs: 2_000,
  isPublic: (address) => address === "127.0.0.1" || isPublicAddress(address),
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (err: unknown) => {
      if (!(err instanceof WebSourceError)) throw err;
      return err;
    },
  );

describe("isPublicAddress and checkedAddress", () => {
  it("refuses private, loopback, link-local and mapped addresses, and accepts public ones", () => {
    for (const a of [
      "10.1.2.3",
      "127.0.0.1",
      "169.254.169.254",
      "192.168.1.1",
      "172.20.0.1",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
    ])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.215.14", "2606:4700::1111", "8.8.8.8"]) expect(isPublicAddress(a), a).toBe(true);
  });

  it("checks every address a name resolves to, unless ALLOW_PRIVATE_URLS is on", async () => {
    const resolver = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    const err = await refusal(checkedAddress("intranet.test", { resolver, allowPrivate: false }));
    expect(err.code).toBe("address");
    expect(err.message).toMatch(/intranet\.test is at 10\.0\.0\.7: a private.*ALLOW_PRIVATE_URLS=true/);
    await expect(checkedAddress("intranet.test", { resolver, allowPrivate: true })).resolves.toMatchObject({
      address: "93.184.215.14",
    });
  });
});

describe("fetchPage", () => {
  it("refuses the loopback server itself when private addresses are not allowed", async () => {
    server.routes.set("/page", serve("<p>Hello</p>"));
    const err = await refusal(fetchPage(`${server.origin}/page`, DEFAULT_FETCH_LIMITS));
    expect(err.code).toBe("address");
    const page = await fetchPage(`${server.origin}/page`, { ...DEFAULT_FETCH_LIMITS, allowPrivate: true });
    expect(page.status).toBe(200);
  });

  it("refuses a redirect to a private address, checked again after the redirect", async () => {
    server.routes.set("/go-inside", (_req, res) =>
      res.writeHead(302, { location: "http://127.0.0.2:1/admin" }).end(),
    );
    const before = server.requests.length;
    const err = await refusal(fetchPage(`${server.origin}/go-inside`, limits));
    expect(err.code).toBe("address");
    expect(err.message).toContain("127.0.0.2");
    expect(server.requests.length).toBe(before + 1);
    const resolver = async () => [{ address: "192.168.0.1", family: 4 }];
    server.routes.set("/go-router", (_req, res) =>
      res.writeHead(301, { location: "http://router.test/" }).end(),
    );
    expect((await refusal(fetchPage(`${server.origin}/go-router`, { ...limits, resolver }))).message).toMatch(
      /router\.test is at 192\.168\.0\.1/,
    );
  });

  it("follows redirects up to the limit, then refuses", async () => {
    server.routes.set("/hop", (_req, res) => res.writeHead(302, { location: "/final" }).end());
    server.routes.set("/final", serve("<p>Final page</p>"));
    const page = await fetchPage(`${server.origin}/hop`, limits);
    expect(page).toMatchObject({ status: 200, url: `${server.origin}/final` });
    server.routes.set("/loop", (_req, res) => res.writeHead(302, { location: "/loop" }).end());
    expect((await refusal(fetchPage(`${server.origin}/loop`, { ...limits, maxRedirects: 3 }))).code).toBe(
      "redirects",
    );
  });

  it("gives up on a server that does not answer in time", async () => {
    server.routes.set("/slow", () => {});
    const err = await refusal(fetchPage(`${server.origin}/slow`, { ...limits, timeoutMs: 150 }));
    expect(err.code).toBe("timeout");
    expect(err.message).toContain("did not answer in time");
  });

  it("refuses a page over the size cap, announced or streamed", async () => {
    server.routes.set("/big", serve("x".repeat(5000), "text/plain"));
    server.routes.set("/big-chunked", (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 50; i++) res.write("y".repeat(100));
      res.end();
    });
    for (const path of ["/big", "/big-chunked"]) {
      const err = await refusal(fetchPage(`${server.origin}${path}`, { ...limits, maxBytes: 1000 }));
      expect(err.code, path).toBe("size");
    }
  });

  it("refuses a content type it cannot read, and a page that answers an error", async () => {
    server.routes.set("/image", serve(new Uint8Array([0x89, 0x50]), "image/png"));
    const err = await refusal(fetchPage(`${server.origin}/image`, limits));
    expect(err).toMatchObject({ code: "type" });
    expect(err.message).toContain("is image/png, not a web page, PDF, Word or text document");
    expect((await refusal(fetchPage(`${server.origin}/missing`, limits))).message).toMatch(/answered 404/);
  });
});
