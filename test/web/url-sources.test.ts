import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteLink } from "../../src/adapters/shared/quote-link.ts";
import { Library } from "../../src/core/library.ts";
import { silentLogger } from "../../src/core/types.ts";
import { AuditLog, readAuditLog } from "../../src/moderation/audit-log.ts";
import { createModeratorActions, isModeratorFacingError } from "../../src/moderation/moderator-actions.ts";
import { makePdf } from "../core/formats/fixtures.ts";
import { type PageServer, serve, startPageServer } from "./page-server.ts";

const page = (sentence: string) => `<!doctype html><html><head><title>Harbour Guide</title>
<meta property="og:site_name" content="Coast Weekly"></head><body><article><h1>Harbour Guide</h1>
<h2>Ferry times</h2><p>${sentence}</p>
<p>The harbour office on Quay Street sells tickets for every ferry and the island bus.</p></article></body></html>`;
const FIRST = "Ferries leave the northern pier every forty minutes between six in the morning and midnight.";
const SECOND = "Ferries leave the northern pier every twenty minutes from the first of June until September.";

let server: PageServer;
let dir: string;
let library: Library;
const moderator = { platform: "telegram" as const, user: "9" };
const actions = () =>
  createModeratorActions({
    library,
    dataDir: path.join(dir, "data"),
    maxBytes: 100_000,
    audit: AuditLog.open({ path: path.join(dir, "audit.jsonl"), logger: silentLogger }),
    // The tests' server is on loopback: what ALLOW_PRIVATE_URLS=true allows.
    web: { allowPrivate: true, timeoutMs: 2_000 },
  });

beforeAll(async () => {
  server = await startPageServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-urls-"));
  fs.mkdirSync(path.join(dir, "data"));
  fs.writeFileSync(
    path.join(dir, "data", "notes.md"),
    "The lighthouse is painted white every spring by volunteers.",
  );
  library = await Library.open({ dataDir: path.join(dir, "data") });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("addUrl", () => {
  it("fetches a page, stores it with its address, date and validators, and answers from it at once", async () => {
    server.routes.set(
      "/harbour",
      serve(page(FIRST), "text/html; charset=utf-8", {
        etag: '"v1"',
        "last-modified": "Mon, 01 Dec 2025 08:00:00 GMT",
      }),
    );
    const added = await actions().addUrl(moderator, `${server.origin}/harbour`);
    expect(added.file).toMatch(/^web\/127-0-0-1-harbour-[0-9a-f]{6}\.md$/);
    const stored = fs.readFileSync(path.join(dir, "data", added.file), "utf8");
    expect(stored).toContain(`url: "${server.origin}/harbour"`);
    expect(stored).toMatch(/fetched: "\d{4}-\d\d-\d\dT/);
    expect(stored).toContain('etag: "\\"v1\\""');
    expect(stored).toContain('last_modified: "Mon, 01 Dec 2025 08:00:00 GMT"');
    const answer = await library.ask("how often do ferries leave the northern pier?");
    expect(answer.quotes[0]).toMatchObject({ text: FIRST, section: "Ferry times" });
    expect(answer.sources[0]).toMatchObject({ url: `${server.origin}/harbour`, publisher: "Coast Weekly" });
    // The citation opens the page at the quoted sentence.
    expect(quoteLink(answer.quotes[0] ?? { text: "" }, answer.sources[0])).toBe(
      `${server.origin}/harbour#:~:text=Ferries%20leave%20the%20northern,the%20morning%20and%20midnight.`,
    );
  });

  it("stores a PDF page by page, so its quotes cite the page and link to it", async () => {
    const pdf = await makePdf([
      ["Tide tables are printed on the back page."],
      ["Spring tides reach four metres at the harbour wall in March."],
    ]);
    server.routes.set("/tides.pdf", serve(pdf, "application/pdf"));
    await actions().addUrl(moderator, `${server.origin}/tides.pdf`);
    const quote = (await library.ask("how high are the spring tides at the harbour wall?")).quotes[0];
    expect(quote).toMatchObject({
      text: "Spring tides reach four metres at the harbour wall in March.",
      page: 2,
    });
  });

  it("refuses what it cannot read with a message for the moderator, and stores nothing", async () => {
    server.routes.set("/logo", serve(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png"));
    const err = await actions()
      .addUrl(moderator, `${server.origin}/logo`)
      .catch((e: unknown) => e);
    expect(isModeratorFacingError(err)).toBe(true);
    expect((err as Error).message).toContain("is image/png");
    expect(fs.readdirSync(path.join(dir, "data", "web")).some((f) => f.includes("logo"))).toBe(false);
  });
});

describe("refresh", () => {
  it("sends the validators; a 304 rewrites nothing and reindexes nothing", async () => {
    server.routes.set("/harbour", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304).end();
      else serve(page(SECOND), "text/html", { etag: '"v2"' })(req, res);
    });
    server.routes.set("/tides.pdf", (_req, res) => res.writeHead(304).end());
    const { refresh, report } = await actions().refresh(moderator);
    expect(refresh).toMatchObject({ checked: 2, changed: [], failed: [] });
    expect(refresh.unchanged).toHaveLength(2);
    expect(report).toBeUndefined();
    const asked = server.requests.filter((r) => r.path === "/harbour").at(-1);
    expect(asked).toMatchObject({ ifNoneMatch: '"v1"', ifModifiedSince: "Mon, 01 Dec 2025 08:00:00 GMT" });
  });

  it("rewrites and reindexes only a page that changed", async () => {
    server.routes.set("/harbour", serve(page(SECOND), "text/html", { etag: '"v2"' }));
    const { refresh, report } = await actions().refresh(moderator);
    expect(refresh.changed).toEqual([expect.stringMatching(/^web\/127-0-0-1-harbour-/)]);
    expect(report?.changed).toEqual(refresh.changed);
    // Only the changed page was read again: the other documents were not looked at.
    expect(report?.unchanged).toBe((report?.documents ?? 0) - 1);
    expect((await library.ask("how often do ferries leave the northern pier?")).quotes[0]?.text).toBe(SECOND);
    const events = await readAuditLog(path.join(dir, "audit.jsonl"));
    expect(events.filter((e) => e.action === "refresh").at(-1)?.detail).toMatchObject({
      checked: 2,
      changed: 1,
      applied: true,
    });
  });

  it("keeps the last good copy of a page that now answers 404, and lists it in the report", async () => {
    server.routes.delete("/harbour");
    const { refresh } = await actions().refresh(moderator);
    expect(refresh.failed).toEqual([
      {
        file: expect.stringMatching(/^web\/127-0-0-1-harbour-/),
        url: `${server.origin}/harbour`,
        reason: expect.stringMatching(/answered 404.*\(the last good copy stays indexed\)$/),
      },
    ]);
    await library.reindex();
    expect((await library.ask("how often do ferries leave the northern pier?")).quotes[0]?.text).toBe(SECOND);
    const events = await readAuditLog(path.join(dir, "audit.jsonl"));
    expect(events.filter((e) => e.action === "refresh").at(-1)?.detail).toMatchObject({
      checked: 2,
      failed: 1,
    });
  });
});
