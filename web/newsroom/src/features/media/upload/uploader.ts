/**
 * Uploads straight to object storage, the browser's side of docs/media.md:
 *
 * 1. `POST /uploads` answers with one presigned PUT URL per part; the parts are PUT to the
 *    store a few at once (XHR, for `upload.onprogress`: the progress bar moves with the
 *    bytes actually sent);
 * 2. meanwhile a Web Worker (sha256.worker.ts) computes the file's SHA-256, so a large
 *    file does not wait for its hash before its first byte leaves;
 * 3. `POST .../upload/complete` with the digest; the media service verifies it against the
 *    assembled object (SHA256_MISMATCH otherwise).
 *
 * The session (asset, upload id, the file's name, size and date, and the digest once it is
 * known) is kept in localStorage until the upload completes or is cancelled. After a
 * dropped connection, or a reload once the person picks the same file again, `GET
 * .../upload` tells which parts the store already has and only the others are sent.
 */
import { useSyncExternalStore } from "react";

import { invalidate } from "@/lib/query";

import {
  abortUpload,
  completeUpload,
  listUploadParts,
  startUpload,
  type UploadSession,
} from "../api/media";
import { sha256OfFile } from "./hash";

/** Parts in flight per file: enough to keep the link busy while one part is set up. */
export const PARALLEL_PARTS = 3;
const PART_TRIES = 3;

export interface StoredUpload {
  assetId: string;
  uploadId: string;
  filename: string;
  size: number;
  lastModified: number;
  contentType: string;
  /** Null until the file has been hashed (the hash runs while the parts are sent). */
  sha256: string | null;
}

export type Phase = "hashing" | "starting" | "uploading" | "completing" | "done" | "interrupted" | "failed" | "cancelled";

export interface UploadJob {
  key: string;
  filename: string;
  size: number;
  phase: Phase;
  /** Bytes hashed so far (phase "hashing"). */
  hashed: number;
  /** Bytes the store has or has received so far. */
  sent: number;
  resumed: boolean;
  /** Parts the store already had when this upload resumed. */
  reusedParts: number;
  assetId: string | null;
  error: string | null;
}

interface Running {
  job: UploadJob;
  file: File;
  controller: AbortController;
  stored: StoredUpload | null;
  /** The hash in progress or done: a retry after a dropped connection reuses it. */
  digest?: Promise<string>;
}

const storageKey = (tenant: string): string => `newsroom.uploads.${tenant}`;

export function storedUploads(tenant: string): StoredUpload[] {
  try {
    const raw = localStorage.getItem(storageKey(tenant));
    return raw ? (JSON.parse(raw) as StoredUpload[]) : [];
  } catch {
    return [];
  }
}

function writeStored(tenant: string, uploads: StoredUpload[]): void {
  if (uploads.length === 0) localStorage.removeItem(storageKey(tenant));
  else localStorage.setItem(storageKey(tenant), JSON.stringify(uploads));
}

function remember(tenant: string, upload: StoredUpload): void {
  writeStored(tenant, [...storedUploads(tenant).filter((u) => u.assetId !== upload.assetId), upload]);
}

function forget(tenant: string, assetId: string): void {
  writeStored(
    tenant,
    storedUploads(tenant).filter((u) => u.assetId !== assetId),
  );
}

// Name and size pick the candidate; the digest (computed again) decides it is the same file.
const sameFile = (stored: StoredUpload, file: File): boolean => stored.filename === file.name && stored.size === file.size;

export class NetworkError extends Error {}

function putPart(url: string, body: Blob, onLoaded: (loaded: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = (): void => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    const settle = (error: Error | null): void => {
      signal.removeEventListener("abort", abort);
      if (error) reject(error);
      else resolve();
    };
    xhr.open("PUT", url);
    xhr.upload.onprogress = (event) => onLoaded(event.loaded);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? settle(null)
        : settle(new Error(`HTTP ${xhr.status}: ${xhr.responseText.slice(0, 200)}`));
    xhr.onerror = () => settle(new NetworkError("network"));
    xhr.onabort = () => settle(new DOMException("aborted", "AbortError"));
    xhr.send(body);
  });
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === "AbortError";
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The uploads of one tenant in this tab; components read them with `useUploads`. */
export class UploadManager {
  private running = new Map<string, Running>();
  private snapshot: UploadJob[] = [];
  private pendingSnapshot: StoredUpload[];
  private listeners = new Set<() => void>();
  private counter = 0;

  constructor(readonly tenant: string) {
    this.pendingSnapshot = storedUploads(tenant);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  jobs = (): UploadJob[] => this.snapshot;

  /** Unfinished uploads from an earlier visit that no running upload has taken up. */
  pending = (): StoredUpload[] => this.pendingSnapshot;

  private emit(): void {
    this.snapshot = [...this.running.values()].map((r) => r.job);
    const active = new Set([...this.running.values()].map((r) => r.job.assetId).filter(Boolean));
    this.pendingSnapshot = storedUploads(this.tenant).filter((u) => !active.has(u.assetId));
    this.listeners.forEach((listener) => listener());
  }

  private patch(run: Running, patch: Partial<UploadJob>): void {
    run.job = { ...run.job, ...patch };
    this.emit();
  }

  /** Uploads these files; a file matching an unfinished upload resumes it. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const key = `u${++this.counter}`;
      const stored = storedUploads(this.tenant).find((u) => sameFile(u, file)) ?? null;
      const run: Running = {
        file,
        stored,
        controller: new AbortController(),
        job: {
          key,
          filename: file.name,
          size: file.size,
          // A resumed upload whose digest is known checks the file again first; a new one
          // starts at once and hashes while its parts are sent.
          phase: stored ? "hashing" : "starting",
          hashed: 0,
          sent: 0,
          resumed: false,
          reusedParts: 0,
          assetId: stored?.assetId ?? null,
          error: null,
        },
      };
      this.running.set(key, run);
      this.emit();
      void this.drive(run);
    }
  }

  /** After a dropped connection: ask the store what it has and send the rest. */
  retry(key: string): void {
    const run = this.running.get(key);
    if (!run || run.job.phase !== "interrupted") return;
    run.controller = new AbortController();
    this.patch(run, { phase: "uploading", error: null });
    void this.drive(run);
  }

  async cancel(key: string): Promise<void> {
    const run = this.running.get(key);
    if (!run) return;
    run.controller.abort();
    this.patch(run, { phase: "cancelled" });
    const assetId = run.stored?.assetId ?? run.job.assetId;
    if (assetId) {
      forget(this.tenant, assetId);
      await abortUpload(this.tenant, assetId).catch(() => undefined);
      invalidate(`assets:${this.tenant}`);
    }
    this.emit();
  }

  /** Gives up an unfinished upload from an earlier visit. */
  async discard(upload: StoredUpload): Promise<void> {
    forget(this.tenant, upload.assetId);
    this.emit();
    await abortUpload(this.tenant, upload.assetId).catch(() => undefined);
    invalidate(`assets:${this.tenant}`);
  }

  dismiss(key: string): void {
    this.running.delete(key);
    this.emit();
  }

  private async drive(run: Running): Promise<void> {
    const { file } = run;
    const signal = run.controller.signal;
    try {
      let digest: Promise<string>;
      if (!run.stored) {
        this.patch(run, { phase: "starting" });
        const contentType = file.type || "application/octet-stream";
        const started = await startUpload(this.tenant, {
          filename: file.name,
          content_type: contentType,
          size_bytes: file.size,
          metadata: { title: { vi: file.name.replace(/\.[^.]+$/, ""), en: "" } },
        });
        const stored: StoredUpload = {
          assetId: started.asset.id,
          uploadId: started.upload.upload_id,
          filename: file.name,
          size: file.size,
          lastModified: file.lastModified,
          contentType,
          sha256: null,
        };
        run.stored = stored;
        remember(this.tenant, stored);
        invalidate(`assets:${this.tenant}`);
        this.patch(run, { phase: "uploading", assetId: started.asset.id });
        digest = this.hashAlongside(run, stored, signal);
        await Promise.all([this.sendParts(run, started.upload, 0, signal), digest]);
      } else {
        if (run.job.phase === "hashing" && run.stored.sha256 !== null) {
          // A reload lost the File: make sure the one picked again has the same bytes
          // (same name, size and date but other bytes: abort that upload, start anew).
          // Without a stored digest (the reload came before the hash was done) the
          // service's check at completion is what catches other bytes.
          const sha256 = await sha256OfFile(file, (hashed) => this.patch(run, { hashed }), signal);
          if (sha256 !== run.stored.sha256) {
            await abortUpload(this.tenant, run.stored.assetId).catch(() => undefined);
            forget(this.tenant, run.stored.assetId);
            run.stored = null;
            this.patch(run, { assetId: null, hashed: 0 });
            return await this.drive(run);
          }
        }
        const stored = run.stored;
        digest = stored.sha256 !== null ? Promise.resolve(stored.sha256) : this.hashAlongside(run, stored, signal);
        const parts = await listUploadParts(this.tenant, stored.assetId);
        const have = parts.stored.reduce((sum, part) => sum + part.size_bytes, 0);
        this.patch(run, {
          phase: "uploading",
          hashed: file.size,
          resumed: true,
          reusedParts: parts.stored.length,
          assetId: run.stored.assetId,
          sent: have,
        });
        await Promise.all([this.sendParts(run, parts.upload, have, signal), digest]);
      }
      this.patch(run, { phase: "completing", sent: file.size, hashed: file.size });
      await completeUpload(this.tenant, run.stored.assetId, run.stored.uploadId, await digest);
      forget(this.tenant, run.stored.assetId);
      invalidate(`assets:${this.tenant}`);
      this.patch(run, { phase: "done" });
    } catch (error) {
      if (isAbort(error)) return;
      // A part's XHR failed, or fetch could not reach the gateway: the session stays.
      if (error instanceof NetworkError || error instanceof TypeError) {
        this.patch(run, { phase: "interrupted", error: null });
        return;
      }
      if (run.stored) forget(this.tenant, run.stored.assetId);
      this.patch(run, { phase: "failed", error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The file's SHA-256, computed while its parts are sent (once per file, even across a
   * retry); kept with the session once known. */
  private hashAlongside(run: Running, stored: StoredUpload, signal: AbortSignal): Promise<string> {
    run.digest ??= sha256OfFile(run.file, (hashed) => this.patch(run, { hashed }), signal).then(
      (sha256) => {
        stored.sha256 = sha256;
        // A hash started before a retry runs on the first try's signal: a cancel after the
        // retry does not stop it, and must not bring the forgotten session back.
        if (run.job.phase !== "cancelled") remember(this.tenant, stored);
        return sha256;
      },
      (error: unknown) => {
        run.digest = undefined; // a later try hashes again
        throw error;
      },
    );
    return run.digest;
  }

  /** PUTs the session's missing parts, PARALLEL_PARTS at once, each retried twice. */
  private async sendParts(run: Running, session: UploadSession, already: number, signal: AbortSignal): Promise<void> {
    const queue = [...session.parts];
    // One failed part stops the others: the retry asks the store what it has anyway.
    const lanes = new AbortController();
    const stop = (): void => lanes.abort();
    signal.addEventListener("abort", stop, { once: true });
    const loaded = new Map<number, number>();
    const report = (): void => {
      let sum = already;
      loaded.forEach((bytes) => (sum += bytes));
      this.patch(run, { sent: Math.min(sum, run.file.size) });
    };
    const lane = async (): Promise<void> => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const offset = (part.part_number - 1) * session.part_size_bytes;
        const body = run.file.slice(offset, offset + part.size_bytes);
        for (let attempt = 1; ; attempt++) {
          try {
            await putPart(
              part.url,
              body,
              (bytes) => {
                loaded.set(part.part_number, bytes);
                report();
              },
              lanes.signal,
            );
            loaded.set(part.part_number, part.size_bytes);
            report();
            break;
          } catch (error) {
            loaded.delete(part.part_number);
            report();
            if (isAbort(error) || attempt >= PART_TRIES) {
              lanes.abort();
              throw error;
            }
            await sleep(500 * attempt);
          }
        }
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL_PARTS, queue.length) }, lane));
    signal.removeEventListener("abort", stop);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    if (signal.aborted) throw new DOMException("aborted", "AbortError");
    const failure = failures.find((reason) => !isAbort(reason)) ?? failures[0];
    if (failure !== undefined) throw failure;
  }
}

const managers = new Map<string, UploadManager>();

export function uploadManager(tenant: string): UploadManager {
  let manager = managers.get(tenant);
  if (!manager) {
    manager = new UploadManager(tenant);
    managers.set(tenant, manager);
  }
  return manager;
}

export function useUploads(tenant: string): { manager: UploadManager; jobs: UploadJob[]; pending: StoredUpload[] } {
  const manager = uploadManager(tenant);
  const jobs = useSyncExternalStore(manager.subscribe, manager.jobs);
  const pending = useSyncExternalStore(manager.subscribe, manager.pending);
  return { manager, jobs, pending };
}
