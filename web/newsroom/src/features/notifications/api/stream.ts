/**
 * Live updates: the gateway's Server-Sent Events stream (`GET /v1/events`), read with
 * fetch so the access token goes in the Authorization header (EventSource cannot send
 * one). Reconnects with backoff and a fresh token; resumes after the last event id.
 */
import { accessToken } from "@/lib/api";
import { config } from "@/lib/config";

export interface LiveEvent {
  id: string;
  /** submitted, approved, changes_requested, scheduled, published, corrected, retracted… */
  kind: string;
  tenant: string;
  story_id: string;
  state: string;
  /** The role whose queue the story is now in, if any. */
  queue_role: string;
  author_id: string;
  actor_id: string;
  actor_name: string;
  reason: string;
  revision: number;
  at: string;
}

export interface StreamHandle {
  close: () => void;
}

const MAX_BACKOFF_MS = 30_000;

function parseBlock(block: string): { id: string; event: string; data: string } | null {
  let id = "";
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { id, event, data: data.join("\n") } : null;
}

export function openStream(
  onEvent: (event: LiveEvent) => void,
  onState: (connected: boolean) => void,
): StreamHandle {
  let closed = false;
  let backoff = 1000;
  let lastId = "";
  let controller: AbortController | null = null;

  const connect = async (): Promise<void> => {
    while (!closed) {
      controller = new AbortController();
      try {
        const token = await accessToken();
        const headers: Record<string, string> = { Accept: "text/event-stream" };
        if (token) headers.Authorization = `Bearer ${token}`;
        if (lastId) headers["Last-Event-ID"] = lastId;
        const response = await fetch(`${config().apiBase}/v1/events`, {
          headers,
          signal: controller.signal,
          cache: "no-store",
        });
        if (response.status === 404 || response.status === 403) {
          onState(false);
          return; // this gateway has no stream for us: nothing to retry
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState(true);
        backoff = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, "\n");
          let cut = buffer.indexOf("\n\n");
          while (cut !== -1) {
            const parsed = parseBlock(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (parsed && parsed.event === "story") {
              if (parsed.id) lastId = parsed.id;
              onEvent(JSON.parse(parsed.data) as LiveEvent);
            }
            cut = buffer.indexOf("\n\n");
          }
        }
      } catch {
        if (closed) return;
      }
      onState(false);
      if (closed) return;
      await new Promise((resolve) => window.setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  };
  void connect();
  return {
    close: () => {
      closed = true;
      controller?.abort();
    },
  };
}
