import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library } from "../../src/core/library.ts";
import { createModeratorActions, type ModeratorActions } from "../../src/moderation/moderator-actions.ts";
import { UploadError } from "../../src/moderation/upload.ts";
import { makePdf, makeScannedPdf } from "../core/formats/fixtures.ts";
import { moderationFixture } from "./library-fixture.ts";

const moderator = { platform: "telegram" as const, user: "7" };

let dir: string;
let dataDir: string;
let library: Library;
let actions: ModeratorActions;
beforeAll(async () => {
  ({ dir, dataDir } = moderationFixture("upload-formats"));
  library = await Library.open({ dataDir });
  actions = createModeratorActions({ library, dataDir, maxBytes: 1_000_000 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("addDocument with converted formats", () => {
  it("refuses a scanned PDF before writing it, saying OCR is not supported", async () => {
    const err = await actions
      .addDocument(moderator, {
        fileName: "scan.pdf",
        bytes: await makeScannedPdf(),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).code).toBe("unreadable");
    expect((err as Error).message).toMatch(
      /^Could not read "scan\.pdf": no text layer; OCR is not supported/,
    );
    expect(fs.existsSync(path.join(dataDir, "scan.pdf"))).toBe(false);
  });

  it("writes a readable PDF as it came and answers from it", async () => {
    const bytes = await makePdf([["The levee held all night long."]]);
    const written = await actions.addDocument(moderator, { fileName: "levee.pdf", bytes });
    expect(written.file).toBe("levee.pdf");
    expect(written.report.added).toEqual(["levee.pdf"]);
    expect((await library.ask("did the levee hold all night?")).quotes[0]?.text).toMatch(/levee held/);
    expect(new Uint8Array(fs.readFileSync(path.join(dataDir, "levee.pdf")))).toEqual(new Uint8Array(bytes));
  });
});
