/**
 * @module
 * One `Library.open` in a process of its own, so that its peak RSS is its own: run by
 * `startup.ts` as `node --import tsx bench/startup-child.ts <dataDir> <snapshotPath>`. Prints one
 * JSON line: open time, first question time, passages, documents, peak RSS.
 */
import { Library } from "../src/core/library.ts";

const [dataDir, snapshotPath] = process.argv.slice(2);
if (!dataDir || !snapshotPath) throw new Error("usage: startup-child.ts <dataDir> <snapshotPath>");
let started = performance.now();
const library = await Library.open({ dataDir, snapshotPath });
const openMs = performance.now() - started;
started = performance.now();
await library.ask("how do i change the default setting?");
const firstAskMs = performance.now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ openMs, firstAskMs, peakRssMb, ...library.size }));
