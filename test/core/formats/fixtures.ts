/**
 * Small documents in each format, built in memory by the tests: a PDF written with pdf-lib, a
 * DOCX zipped by hand from its XML parts, and the bytes of broken variants of both.
 */
import { strToU8, zipSync } from "fflate";
import { PDFDocument, PDFHexString, StandardFonts } from "pdf-lib";

/** One page: its lines, top to bottom; a blank string leaves a paragraph gap. */
export type PdfPage = string[];

/**
 * A PDF whose pages carry a running header ("Flood Review 2025") and a page-number footer,
 * around the given lines. `title` goes into the document information.
 */
export async function makePdf(pages: PdfPage[], options: { title?: string; furniture?: boolean } = {}) {
  const doc = await PDFDocument.create();
  if (options.title) doc.setTitle(options.title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [i, lines] of pages.entries()) {
    const page = doc.addPage([612, 792]);
    if (options.furniture !== false) {
      page.drawText("Flood Review 2025", { x: 40, y: 760, size: 9, font });
      page.drawText(`Page ${i + 1} of ${pages.length}`, { x: 180, y: 30, size: 9, font });
    }
    let y = 700;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 40, y, size: 11, font });
      y -= 14;
    }
  }
  return doc.save();
}

/** A PDF with a drawn box and no text: what a scanner produces, minus the image. */
export async function makeScannedPdf() {
  const doc = await PDFDocument.create();
  doc.addPage([420, 600]).drawRectangle({ x: 40, y: 40, width: 300, height: 500 });
  return doc.save();
}

/** A PDF whose trailer names the standard security handler with a user password set. */
export async function makeEncryptedPdf() {
  const doc = await PDFDocument.create();
  doc.addPage([420, 600]);
  const hex = PDFHexString.of("a5".repeat(32));
  const encrypt = doc.context.obj({ Filter: "Standard", V: 1, R: 2, O: hex, U: hex, P: -4 });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of("00ff"), PDFHexString.of("00ff")]);
  return doc.save({ useObjectStreams: false });
}

const paragraph = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A minimal DOCX: `[style, text]` paragraphs, style "Heading1" for a heading, "" for body text. */
export function makeDocx(paragraphs: [string, string][], extra: Record<string, Uint8Array> = {}) {
  const body = paragraphs.map(([style, text]) => paragraph(text, style || undefined)).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
    ...extra,
  });
}

/** A DOCX with a part that inflates from a few kilobytes to `megabytes` MB of zeros. */
export function makeZipBombDocx(megabytes: number) {
  return makeDocx([["", "A short paragraph of text that is here."]], {
    "word/media/padding.bin": new Uint8Array(megabytes * 1024 * 1024),
  });
}
