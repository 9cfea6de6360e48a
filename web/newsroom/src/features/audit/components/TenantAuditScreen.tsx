import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import { useQuery } from "@/lib/query";

import { listAudit } from "../api/audit";
import { AuditTable } from "./AuditTable";

export default function TenantAuditScreen(): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const audit = useQuery(`audit:${tenant}:*`, () => listAudit(tenant));
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t("audit.title")}</h1>
      <ErrorText error={audit.error} />
      {audit.data ? <AuditTable records={audit.data} tenant={tenant} showStory /> : <Loading />}
    </section>
  );
}
