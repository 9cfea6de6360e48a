/**
 * SHA-256 of a File in a Web Worker, incrementally over 4 MiB slices: the page stays
 * responsive and memory stays at one slice whatever the file size. hash-wasm (WebAssembly)
 * was measured against @noble/hashes (pure JS) in Chromium on a 100 MB file; see
 * docs/web.md, "Media library".
 */
import { createSHA256 } from "hash-wasm";

export type HashRequest = { file: Blob };
export type HashReply = { kind: "progress"; done: number } | { kind: "done"; hex: string } | { kind: "error"; message: string };

const SLICE = 4 * 1024 * 1024;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage: (message: HashReply) => void;
};

scope.onmessage = (event) => {
  void (async () => {
    try {
      const { file } = event.data;
      const hasher = await createSHA256();
      hasher.init();
      for (let offset = 0; offset < file.size; offset += SLICE) {
        const bytes = new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer());
        hasher.update(bytes);
        scope.postMessage({ kind: "progress", done: Math.min(file.size, offset + SLICE) });
      }
      scope.postMessage({ kind: "done", hex: hasher.digest("hex") });
    } catch (error) {
      scope.postMessage({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
