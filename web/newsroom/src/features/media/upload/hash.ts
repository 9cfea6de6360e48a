/** Runs sha256.worker.ts for one file; the worker is its own chunk, loaded on demand. */
import type { HashReply } from "./sha256.worker";

export function sha256OfFile(file: Blob, onProgress: (done: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./sha256.worker.ts", import.meta.url), { type: "module" });
    const stop = (): void => {
      worker.terminate();
      reject(new DOMException("aborted", "AbortError"));
    };
    signal.addEventListener("abort", stop, { once: true });
    worker.onmessage = (event: MessageEvent<HashReply>) => {
      const reply = event.data;
      if (reply.kind === "progress") {
        onProgress(reply.done);
        return;
      }
      signal.removeEventListener("abort", stop);
      worker.terminate();
      if (reply.kind === "done") resolve(reply.hex);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      signal.removeEventListener("abort", stop);
      worker.terminate();
      reject(new Error(event.message || "hash worker failed"));
    };
    worker.postMessage({ file });
  });
}
