/** Every consequential action (request changes, crisis actions, freezes) asks why first. */
import { type FormEvent, useState } from "react";

import { useI18n } from "@/i18n";

import { Dialog } from "./Dialog";
import { ErrorText } from "./Feedback";

export function ReasonDialog({
  open,
  title,
  label,
  confirm,
  danger = false,
  extra,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  confirm: string;
  danger?: boolean;
  extra?: React.ReactNode;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(new Error(t("reason.required")));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      setReason("");
      setError(null);
      onClose();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} className="stack">
        {extra}
        <label className="field">
          <span>{label}</span>
          <textarea
            name="reason"
            rows={3}
            aria-required="true"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className={danger ? "danger" : "primary"} disabled={busy}>
            {confirm}
          </button>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
