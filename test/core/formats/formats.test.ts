import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Library } from "../../../src/core/library.ts";
import { makeDocx, makeEncryptedPdf, makePdf, makeScannedPdf, makeZipBombDocx } from "./fixtures.ts";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "citebot-formats-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const REPORT: string[][] = [
  [
    "Rising Water",
    "",
    "The river rose two metres overnight and the levee held until the morning. The engi-",
    "neers said the barrier was sound and needed no repair.",
  ],
  [
    "Costs of the Repair",
    "",
    "Repairs to the old stone bridge will cost four million euros, the council said on Monday.",
  ],
];

const HTML = `<!doctype html><html><head><title>Harbour Guide</title>
<meta property="og:site_name" content="Coast Weekly"><meta name="author" content="Ana Diaz">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Harbour Guide</h1>
<p>Ferries leave the northern pier every forty minutes between six in the morning and midnight.</p>
<h2>Parking near the harbour</h2>
<p>The multi-storey car park on Dock Street charges three euros per hour for visitors.</p>
<p>Permit holders_2025 pay 5*3 euros a week [reduced] at the <a href="/p">ferry terminal</a> car park.</p></article>
<footer>Copyright Coast Weekly</footer><script>document.write("injected words")</script></body></html>`;

const ask = async (library: Library, question: string) => (await library.ask(question)).quotes[0];

describe("PDF documents", () => {
  it("quotes a PDF verbatim with its page, hyphenation joined and running headers dropped", async () => {
    await writeFile(path.join(dataDir, "review.pdf"), await makePdf(REPORT, { title: "Flood Review" }));
    const library = await Library.open({ dataDir });
    const costs = await library.ask("how much will the bridge repairs cost?");
    expect(costs.sources[0]).toMatchObject({ title: "Flood Review", file: "review.pdf" });
    expect(costs.quotes[0]).toMatchObject({
      text: "Repairs to the old stone bridge will cost four million euros, the council said on Monday.",
      page: 2,
      section: "Costs of the Repair",
    });
    const levee = await ask(library, "what did the engineers say about the barrier?");
    expect(levee?.text).toContain("The engineers said the barrier was sound");
    expect(levee?.page).toBe(1);
    const header = await library.ask("flood review 2025 page");
    expect(header.quotes.map((q) => q.text).join(" ")).not.toMatch(/Flood Review 2025|Page \d of/);
  });

  it("still cites the page after a restart from the snapshot", async () => {
    await writeFile(path.join(dataDir, "review.pdf"), await makePdf(REPORT, { title: "Flood Review" }));
    const snapshotPath = path.join(dataDir, ".state", "index.json");
    await Library.open({ dataDir, snapshotPath });
    const reopened = await Library.open({ dataDir, snapshotPath, reindexOnOpen: false });
    expect((await ask(reopened, "how much will the bridge repairs cost?"))?.page).toBe(2);
  });

  it("reports a scan, an encrypted and a damaged PDF by name with the reason, and indexes the rest", async () => {
    await writeFile(path.join(dataDir, "scan.pdf"), await makeScannedPdf());
    await writeFile(path.join(dataDir, "locked.pdf"), await makeEncryptedPdf());
    await writeFile(path.join(dataDir, "broken.pdf"), "%PDF-1.7\nthis is not a PDF body");
    await writeFile(path.join(dataDir, "renamed.pdf"), "The river rose two metres overnight.");
    await writeFile(path.join(dataDir, "ok.md"), "The harbour opens at dawn for all the fishing boats.");
    const library = await Library.open({ dataDir, reindexOnOpen: false });
    const report = await library.reindex();
    expect(report.added).toEqual(["ok.md"]);
    const reasons = Object.fromEntries(report.errors.map((e) => [e.file, e.reason]));
    expect(reasons["scan.pdf"]).toMatch(/^no text layer; OCR is not supported/);
    expect(reasons["locked.pdf"]).toMatch(/encrypted with a password/);
    expect(reasons["broken.pdf"]).toMatch(/damaged or not a PDF/);
    expect(reasons["renamed.pdf"]).toMatch(/named \.pdf but it is text/);
  });
});

describe("HTML documents", () => {
  it("keeps the article, its headings as sections, and the page's own facts as source fields", async () => {
    await writeFile(path.join(dataDir, "harbour.html"), HTML);
    const library = await Library.open({ dataDir });
    const answer = await library.ask("how much does parking on Dock Street cost?");
    expect(answer.sources[0]).toMatchObject({ publisher: "Coast Weekly", date: "2024-03-05" });
    expect(answer.quotes[0]).toMatchObject({
      text: "The multi-storey car park on Dock Street charges three euros per hour for visitors.",
      section: "Parking near the harbour",
    });
    // Turndown's Markdown escapes (5\*3, \[reduced\]) never reach a quote.
    expect((await ask(library, "what do permit holders pay at the ferry terminal?"))?.text).toBe(
      "Permit holders_2025 pay 5*3 euros a week [reduced] at the ferry terminal car park.",
    );
    const all = library.documents();
    expect(all[0]?.title).toBe("Harbour Guide");
    expect((await library.ask("injected words")).answered).toBe(false);
  });
});

describe("DOCX documents", () => {
  it("quotes a Word file with its headings as sections", async () => {
    const docx = makeDocx([
      ["Heading1", "Meeting Minutes"],
      ["Heading2", "Library budget"],
      ["", "The committee approved the new budget for the public library on Tuesday evening."],
    ]);
    await writeFile(path.join(dataDir, "minutes.docx"), docx);
    const library = await Library.open({ dataDir });
    const quote = await ask(library, "when was the library budget approved?");
    expect(quote).toMatchObject({
      text: "The committee approved the new budget for the public library on Tuesday evening.",
      section: "Library budget",
    });
  });

  it("refuses a zip bomb with a reason instead of running out of memory", async () => {
    await writeFile(path.join(dataDir, "bomb.docx"), makeZipBombDocx(60));
    await writeFile(path.join(dataDir, "ok.md"), "The harbour opens at dawn for all the fishing boats.");
    const report = await (await Library.open({ dataDir, reindexOnOpen: false })).reindex();
    expect(report.errors).toEqual([
      { file: "bomb.docx", reason: expect.stringMatching(/unpacks to more than 50 MB \(a zip bomb/) },
    ]);
  });
});
