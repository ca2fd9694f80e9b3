/**
 * @module
 * Which network addresses a page may be fetched from. A moderator's link is fetched by the
 * server, so a link to `http://169.254.169.254/` (cloud credentials), `http://localhost:6379` or
 * a router's admin page would make citebot read what only the server can reach, and quote it.
 * Every address a name resolves to is checked, at connect time, and again after every redirect.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { WebSourceError } from "./web-error.ts";

/** Ranges that are not the public internet: private, loopback, link-local, shared, reserved. */
const BLOCKED: [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["64:ff9b:1::", 48, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

const blocked = new BlockList();
for (const [address, prefix, family] of BLOCKED) blocked.addSubnet(address, prefix, family);

/**
 * Whether an IP address is on the public internet. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is
 * judged by its IPv4 address.
 *
 * @example
 * ```ts
 * isPublicAddress("93.184.215.14"); // true
 * isPublicAddress("::ffff:10.0.0.1"); // false
 * ```
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The resolver's shape: Node's `dns.lookup` with `all: true`; tests pass a stub. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver (what `http.request` would use). */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/**
 * Resolves a host name and returns an address it may connect to: the first one, when every
 * address is public (a name that also resolves to a private address is refused whole, so that a
 * second lookup cannot pick the private one), or any address when `allowPrivate` is set.
 *
 * @throws {WebSourceError} `address` for a private address, `network` when the name does not resolve.
 * @example
 * ```ts
 * const { address, family } = await checkedAddress("example.org", { resolver: systemResolver });
 * ```
 */
export async function checkedAddress(
  hostname: string,
  options: { resolver: Resolver; allowPrivate: boolean; isPublic?: (address: string) => boolean },
): Promise<LookupAddress> {
  const isPublic = options.isPublic ?? isPublicAddress;
  const bare = hostname.replace(/^\[|\]$/g, "");
  let addresses: LookupAddress[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await options.resolver(bare);
    } catch (cause) {
      throw new WebSourceError(
        "network",
        `${hostname} does not resolve (${(cause as Error).message}); check the address`,
        {
          cause,
        },
      );
    }
  }
  const first = addresses[0];
  if (!first) throw new WebSourceError("network", `${hostname} has no address; check the address`);
  const refused = addresses.find((a) => !isPublic(a.address));
  if (refused && !options.allowPrivate) {
    throw new WebSourceError(
      "address",
      `${refused.address === bare ? bare : `${hostname} is at ${refused.address}`}: a private, loopback or link-local address; citebot only fetches public pages (ALLOW_PRIVATE_URLS=true lifts this for a trusted network)`,
    );
  }
  return first;
}
