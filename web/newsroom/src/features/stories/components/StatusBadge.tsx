import { useI18n } from "@/i18n";
import type { StoryStatus } from "@/lib/api";

export function StatusBadge({ status }: { status: StoryStatus | null }): React.JSX.Element {
  const { t } = useI18n();
  const value = status ?? "draft";
  return <span className={`badge status-${value}`}>{t(`status.${value}`)}</span>;
}
