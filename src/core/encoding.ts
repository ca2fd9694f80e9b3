/**
 * @module
 * Document bytes → text. UTF-8 is the format; UTF-16 with a byte-order mark (what Windows
 * Notepad and Word's "Unicode text" write) is decoded too. Anything else is refused with a reason
 * that names the encoding when the bytes give it away, so a moderator knows what to re-save as.
 */

/** Bytes that are not text in any encoding citebot reads; the message says what to do. */
export class EncodingError extends Error {
  override name = "EncodingError";
}

const BINARY = "binary file (it contains NUL bytes): save it as UTF-8 text";

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Decodes document bytes. Throws {@link EncodingError} for binary data, UTF-32, UTF-16 without a
 * byte-order mark, and text in a legacy 8-bit encoding.
 *
 * @example
 * ```ts
 * decodeText(new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00])); // "Hi"
 * ```
 */
export function decodeText(bytes: Uint8Array): string {
  // UTF-32 first: its little-endian mark begins with UTF-16's.
  if (startsWith(bytes, 0xff, 0xfe, 0, 0) || startsWith(bytes, 0, 0, 0xfe, 0xff)) {
    throw new EncodingError("UTF-32 text is not read: save it as UTF-8");
  }
  const utf16 = startsWith(bytes, 0xff, 0xfe) ? "utf-16le" : startsWith(bytes, 0xfe, 0xff) ? "utf-16be" : "";
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new EncodingError(`not valid ${utf16.toUpperCase()} text: save it as UTF-8`, { cause });
    }
    if (text.includes("\u0000")) throw new EncodingError(BINARY);
    return text;
  }
  if (bytes.includes(0)) {
    throw new EncodingError(
      looksLikeUtf16(bytes)
        ? "UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with a BOM)"
        : BINARY,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    const hint = looksLikeWindows1252(bytes)
      ? "it looks like Latin-1/Windows-1252; save it as UTF-8"
      : "re-save the file with UTF-8 encoding";
    throw new EncodingError(`not valid UTF-8 text: ${hint}`, { cause });
  }
}

/**
 * Mostly-ASCII UTF-16 has a NUL in every other byte and almost none in between; a binary file's
 * NULs fall anywhere.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 4096);
  const sample = bytes.subarray(0, length - (length % 2));
  const zeros = [0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (zeros[i % 2] as number)++;
  const [even, odd] = zeros as [number, number];
  const pairs = sample.length / 2;
  return pairs >= 2 && Math.max(even, odd) >= 0.5 * pairs && Math.min(even, odd) <= 0.02 * pairs;
}

/** Bytes Windows-1252 leaves undefined: text in it never contains them. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Western European text in Latin-1/Windows-1252: bytes above 0x7F are a minority (accents on
 * mostly-ASCII words) and never the five Windows-1252 leaves undefined. Greek, Cyrillic or CJK
 * text in their legacy encodings is mostly high bytes, so it is not mistaken for it.
 */
function looksLikeWindows1252(bytes: Uint8Array): boolean {
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b >= 0x80) {
      if (UNDEFINED_1252.has(b)) return false;
      high++;
    } else if ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) letters++;
  }
  return high > 0 && high <= 0.3 * (high + letters);
}
