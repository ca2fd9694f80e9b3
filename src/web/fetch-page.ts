/**
 * @module
 * One bounded, checked HTTP GET of a page a moderator linked: a deadline for the whole exchange,
 * a byte cap enforced while streaming (and from Content-Length before), a redirect limit, a list
 * of content types citebot can read, and the address policy applied to every hop at connect time
 * (the checked address is the one connected to, so a second DNS answer cannot swap it).
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkedAddress, type isPublicAddress, type Resolver, systemResolver } from "./address-policy.ts";
import { WebSourceError } from "./web-error.ts";

/** Content types citebot reads, and the extension the stored copy is converted from. */
export const ALLOWED_CONTENT_TYPES: Readonly<Record<string, string>> = {
  "text/html": ".html",
  "application/xhtml+xml": ".html",
  "application/pdf": ".pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "text/plain": ".txt",
  "text/markdown": ".md",
  "text/x-markdown": ".md",
};

/** Limits of one fetch. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** ALLOW_PRIVATE_URLS: fetch from private, loopback and link-local addresses too. */
  allowPrivate: boolean;
  /** DNS; tests pass a stub. Default: the system resolver. */
  resolver?: Resolver;
  /** Which addresses count as public; default {@link isPublicAddress}. Tests widen it to their server. */
  isPublic?: (address: string) => boolean;
}

/** Defaults a competent operator would pick: 15 s, 10 MB, 5 redirects, public addresses only. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
};

/** The validators a previous fetch returned, for a conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A page fetched whole (200), or unchanged since the validators (304). */
export type FetchResult =
  | ({ status: 200; url: string; bytes: Uint8Array; contentType: string; charset?: string } & Validators)
  | ({ status: 304; url: string } & Validators);

/**
 * Fetches a page within the limits, following redirects itself so that each hop is checked.
 *
 * @throws {WebSourceError} `url`, `address`, `redirects`, `timeout`, `size`, `type`, `status` or `network`.
 * @example
 * ```ts
 * const page = await fetchPage("https://example.org/faq", DEFAULT_FETCH_LIMITS, { etag: '"abc"' });
 * if (page.status === 304) console.log("unchanged");
 * ```
 */
export async function fetchPage(
  address: string,
  limits: FetchLimits,
  validators: Validators = {},
): Promise<FetchResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = parseUrl(address);
  for (let hop = 0; ; hop++) {
    const response = await request(url, limits, validators, signal);
    const location = response.headers.location;
    if ([301, 302, 303, 307, 308].includes(response.statusCode ?? 0) && location) {
      response.resume();
      if (hop >= limits.maxRedirects) {
        throw new WebSourceError(
          "redirects",
          `${address} redirects more than ${limits.maxRedirects} times; link the final page`,
        );
      }
      url = parseUrl(new URL(location, url).href);
      continue;
    }
    const found = { url: url.href, ...validatorsOf(response) };
    if (response.statusCode === 304) {
      response.resume();
      return { status: 304, ...found };
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new WebSourceError(
        "status",
        `${url.href} answered ${response.statusCode} ${response.statusMessage ?? ""}`.trimEnd() +
          "; check that the page still exists and is public",
      );
    }
    const [type = "", ...params] = (response.headers["content-type"] ?? "").split(";").map((s) => s.trim());
    const contentType = type.toLowerCase();
    if (!ALLOWED_CONTENT_TYPES[contentType]) {
      response.resume();
      throw new WebSourceError(
        "type",
        `${url.href} is ${contentType || "of no stated type"}, not a web page, PDF, Word or text document; link the page itself`,
      );
    }
    const charset = params
      .find((p) => /^charset=/i.test(p))
      ?.slice(8)
      .replace(/"/g, "")
      .toLowerCase();
    const bytes = await readBody(response, url.href, limits.maxBytes, signal);
    return { status: 200, ...found, bytes, contentType, ...(charset ? { charset } : {}) };
  }
}

function parseUrl(address: string): URL {
  if (!URL.canParse(address))
    throw new WebSourceError("url", `"${address}" is not a web address; give it as https://…`);
  const url = new URL(address);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WebSourceError("url", `"${address}" is not an http or https address; give it as https://…`);
  if (url.username || url.password)
    throw new WebSourceError(
      "url",
      `"${url.host}" carries a user name or password in the link; link a public page`,
    );
  url.hash = "";
  return url;
}

const validatorsOf = (response: IncomingMessage): Validators => {
  const etag = response.headers.etag;
  const lastModified = response.headers["last-modified"];
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
};

async function request(url: URL, limits: FetchLimits, validators: Validators, signal: AbortSignal) {
  const resolved = await checkedAddress(url.hostname, {
    resolver: limits.resolver ?? systemResolver,
    allowPrivate: limits.allowPrivate,
    isPublic: limits.isPublic,
  });
  // Connect to the address just checked, never to a fresh DNS answer.
  const lookup: LookupFunction = (_host, options, callback) =>
    options.all
      ? (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [resolved])
      : callback(null, resolved.address, resolved.family);
  const headers: Record<string, string> = { "user-agent": "citebot (document fetch)", accept: "*/*" };
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = client.get(url, { headers, lookup, signal }, resolve);
    req.on("error", (cause) => reject(networkError(url.href, cause, signal)));
  });
}

function networkError(href: string, cause: unknown, signal: AbortSignal): WebSourceError {
  if (cause instanceof WebSourceError) return cause;
  if (signal.aborted)
    return new WebSourceError(
      "timeout",
      `${href} did not answer in time; try again later or link another copy`,
      { cause },
    );
  return new WebSourceError(
    "network",
    `${href} could not be fetched (${(cause as Error).message}); check the address`,
    {
      cause,
    },
  );
}

async function readBody(response: IncomingMessage, href: string, maxBytes: number, signal: AbortSignal) {
  const tooLarge = () =>
    new WebSourceError(
      "size",
      `${href} is larger than ${Math.round(maxBytes / 1024)} kB; link a smaller page or document`,
    );
  if (Number(response.headers["content-length"] ?? 0) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      length += chunk.length;
      // Stop reading at the cap: a server that lies about (or omits) Content-Length gets no further.
      if (length > maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (cause) {
    throw networkError(href, cause, signal);
  }
  return new Uint8Array(Buffer.concat(chunks, length));
}
