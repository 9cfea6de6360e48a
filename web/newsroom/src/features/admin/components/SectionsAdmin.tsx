import { type FormEvent, useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canAdminSections } from "@/features/auth/permissions";
import { listSections } from "@/features/stories/api/stories";
import { useI18n } from "@/i18n";
import { invalidate, useQuery } from "@/lib/query";

import { createSection } from "../api/admin";

export function SectionsAdmin(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const sections = useQuery(`sections:${session.tenant}`, () => listSections(session.tenant));
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await createSection(session.tenant, {
        slug,
        name,
        position: sections.data?.items.length ?? 0,
      });
      setSlug("");
      setName("");
      invalidate(`sections:${session.tenant}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <section aria-labelledby="sections-heading" className="stack">
      <h2 id="sections-heading">{t("admin.sections")}</h2>
      {sections.data ? (
        <ul data-testid="sections">
          {sections.data.items.map((section) => (
            <li key={section.id}>
              {section.name} <code>/{section.slug}</code>
            </li>
          ))}
        </ul>
      ) : (
        <Loading />
      )}
      {canAdminSections(session) ? (
        <form onSubmit={(event) => void submit(event)} className="row wrap">
          <label className="field">
            <span>{t("admin.sectionName")}</span>
            <input required value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span>{t("admin.sectionSlug")}</span>
            <input required pattern="[a-z0-9-]+" value={slug} onChange={(event) => setSlug(event.target.value)} />
          </label>
          <button type="submit">{t("admin.addSection")}</button>
        </form>
      ) : null}
      <ErrorText error={error ?? sections.error} />
    </section>
  );
}
