/**
 * Drop zone and file input, one progress bar per file (role=progressbar, its value from
 * the parts' upload progress), cancel, resume after a dropped connection, and the
 * unfinished uploads of an earlier visit (picking the same file again resumes them).
 */
import { useId, useState } from "react";

import { useMediaI18n } from "../i18n";

import type { UploadJob, useUploads } from "../upload/uploader";

const percentOf = (done: number, total: number): number => (total > 0 ? Math.floor((done / total) * 100) : 100);

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function UploadRow({ job, uploads }: { job: UploadJob; uploads: ReturnType<typeof useUploads> }): React.JSX.Element {
  const { t } = useMediaI18n();
  const percent = percentOf(job.sent, job.size);
  const hashed = percentOf(job.hashed, job.size);
  const text =
    job.phase === "failed"
      ? t("media.phase.failed", { error: job.error ?? "" })
      : t(`media.phase.${job.phase}`, { percent: job.phase === "hashing" ? hashed : percent });
  const active = ["hashing", "starting", "uploading", "completing"].includes(job.phase);
  return (
    <li className="upload-row" data-testid="upload" data-phase={job.phase} data-asset-id={job.assetId ?? ""}>
      <div className="row spread">
        <strong>{job.filename}</strong>
        <span className="muted">{formatSize(job.size)}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t("media.progress", { name: job.filename })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className={job.phase === "failed" ? "error" : "muted"} aria-live="polite">
        {text}
      </p>
      {job.resumed ? <p className="muted">{t("media.resumed", { count: job.reusedParts })}</p> : null}
      <div className="row">
        {active ? (
          <button type="button" onClick={() => void uploads.manager.cancel(job.key)}>
            {t("media.cancelUpload", { name: job.filename })}
          </button>
        ) : null}
        {job.phase === "interrupted" ? (
          <>
            <button type="button" className="primary" onClick={() => uploads.manager.retry(job.key)}>
              {t("media.resume")}
            </button>
            <button type="button" onClick={() => void uploads.manager.cancel(job.key)}>
              {t("media.cancelUpload", { name: job.filename })}
            </button>
          </>
        ) : null}
        {!active && job.phase !== "interrupted" ? (
          <button type="button" onClick={() => uploads.manager.dismiss(job.key)}>
            {t("media.dismiss")}
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function UploadPanel({ uploads }: { uploads: ReturnType<typeof useUploads> }): React.JSX.Element {
  const { t } = useMediaI18n();
  const [over, setOver] = useState(false);
  const headingId = useId();
  const add = (files: FileList | null): void => {
    if (files && files.length > 0) uploads.manager.add(Array.from(files));
  };
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>{t("media.upload")}</h3>
      <div
        className={`drop-zone${over ? " over" : ""}`}
        data-testid="drop-zone"
        role="group"
        aria-label={t("media.dropZone")}
        onDragEnter={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          add(event.dataTransfer.files);
        }}
      >
        <span>{t("media.dropHere")}</span>{" "}
        <label className="inline">
          {t("media.chooseFiles")}
          <input
            data-testid="file-input"
            type="file"
            multiple
            accept="image/*,video/*,audio/*,.vtt"
            onChange={(event) => {
              add(event.target.files);
              event.target.value = "";
            }}
          />
        </label>
      </div>
      {uploads.pending.length > 0 ? (
        <div className="notice" data-testid="pending-uploads">
          <strong>{t("media.pendingTitle")}</strong>
          <p>{t("media.pendingHint")}</p>
          <ul className="plain">
            {uploads.pending.map((upload) => (
              <li key={upload.assetId} className="row" data-testid="pending-upload">
                <span>
                  {upload.filename} ({formatSize(upload.size)})
                </span>
                <button type="button" onClick={() => void uploads.manager.discard(upload)}>
                  {t("media.discard", { name: upload.filename })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {uploads.jobs.length > 0 ? (
        <ul className="plain stack" aria-label={t("media.uploads")} data-testid="uploads">
          {uploads.jobs.map((job) => (
            <UploadRow key={job.key} job={job} uploads={uploads} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
