import { useSession } from "@/features/auth/hooks/useSession";
import { canAdminPeople } from "@/features/auth/permissions";
import { useI18n } from "@/i18n";

import { PeopleAdmin } from "./PeopleAdmin";
import { PolicyAdmin } from "./PolicyAdmin";
import { SectionsAdmin } from "./SectionsAdmin";

export default function AdminScreen(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      <SectionsAdmin />
      <PolicyAdmin />
      {canAdminPeople(session) ? <PeopleAdmin /> : null}
    </div>
  );
}
