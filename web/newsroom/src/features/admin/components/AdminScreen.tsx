import { useI18n } from "@/i18n";

import { PolicyAdmin } from "./PolicyAdmin";
import { SectionsAdmin } from "./SectionsAdmin";

export default function AdminScreen(): React.JSX.Element {
  const { t } = useI18n();
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      <SectionsAdmin />
      <PolicyAdmin />
    </div>
  );
}
