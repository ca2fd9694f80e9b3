import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/core/types.ts";
import { startRefreshTimer } from "../../src/web/refresh-timer.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const empty = { refresh: { checked: 0, changed: [], unchanged: [], failed: [] } };

describe("startRefreshTimer", () => {
  it("refreshes every interval, never two runs at once, and stops", async () => {
    let release: () => void = () => {};
    const run = vi.fn(() => new Promise<typeof empty>((resolve) => (release = () => resolve(empty))));
    const stop = startRefreshTimer(run, 60_000, silentLogger);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    release();
    await stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("logs a failed run and keeps the schedule", async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_o: object, msg?: string) => errors.push(msg ?? "") };
    const run = vi.fn().mockRejectedValueOnce(new Error("disk full")).mockResolvedValue(empty);
    const stop = startRefreshTimer(run, 60_000, logger);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(errors).toEqual(["scheduled refresh of the web pages failed; the next one runs on time"]);
    expect(run).toHaveBeenCalledTimes(2);
    await stop();
  });
});
