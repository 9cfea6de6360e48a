import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import { useQuery } from "@/lib/query";

import { listAudit } from "../api/audit";
import { AuditTable } from "./AuditTable";

export default function AuditPanel({ storyId }: { storyId: string }): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const audit = useQuery(`audit:${tenant}:${storyId}`, () => listAudit(tenant, storyId));
  return (
    <section aria-labelledby="story-audit-heading">
      <h2 id="story-audit-heading">{t("audit.storyTitle")}</h2>
      <ErrorText error={audit.error} />
      {audit.data ? <AuditTable records={audit.data} tenant={tenant} showStory={false} /> : <Loading />}
    </section>
  );
}
