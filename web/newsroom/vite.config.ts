import { fileURLToPath, URL } from "node:url";

import { defineConfig } from "vite";

// No framework plugin: Vite 8 (Rolldown + Oxc) compiles TSX with the automatic JSX runtime
// itself, and the app needs no hot reload in CI. The editor (Tiptap/ProseMirror) is a lazy
// chunk, so the queue screen loads without it (bench/newsroom_app.py checks the budget).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  // The media library's SHA-256 worker (new Worker(new URL(...), { type: "module" })).
  worker: { format: "es" },
  build: {
    target: "es2022",
    sourcemap: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Tiptap's React binding starts with "use client" (meaningless in an SPA).
      onLog(level, log, handler) {
        if (log.code === "MODULE_LEVEL_DIRECTIVE" || log.code === "PLUGIN_TIMINGS") return;
        handler(level, log);
      },
    },
  },
});
