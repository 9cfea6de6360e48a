import { useI18n } from "@/i18n";
import { ApiProblem } from "@/lib/api";

export function ErrorText({ error }: { error: Error | null | undefined }): React.JSX.Element | null {
  const { t } = useI18n();
  if (!error) return null;
  const text =
    error instanceof ApiProblem
      ? `${error.detail || t("error.generic")}${error.reason ? ` (${error.reason})` : ""}`
      : error.message;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

export function Loading(): React.JSX.Element {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}
