import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDocument } from "../../src/moderation/document-commands.ts";
import { UploadError } from "../../src/moderation/upload.ts";
import { makePdf, makeScannedPdf } from "../core/formats/fixtures.ts";

const moderator = { platform: "telegram" as const, user: "7" };

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "citebot-upload-formats-"));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("addDocument with converted formats", () => {
  it("refuses a scanned PDF before writing it, saying OCR is not supported", async () => {
    const err = await addDocument({ dataDir, maxBytes: 1_000_000 }, moderator, {
      fileName: "scan.pdf",
      bytes: await makeScannedPdf(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).code).toBe("unreadable");
    expect((err as Error).message).toMatch(
      /^Could not read "scan\.pdf": no text layer; OCR is not supported/,
    );
    expect(fs.existsSync(path.join(dataDir, "scan.pdf"))).toBe(false);
  });

  it("writes a readable PDF as it came", async () => {
    const bytes = await makePdf([["The levee held all night long."]]);
    const written = await addDocument({ dataDir, maxBytes: 1_000_000 }, moderator, {
      fileName: "levee.pdf",
      bytes,
    });
    expect(written.file).toBe("levee.pdf");
    expect(new Uint8Array(fs.readFileSync(path.join(dataDir, "levee.pdf")))).toEqual(new Uint8Array(bytes));
  });
});
