/** People's roles in this tenant (Keycloak groups, changed through the gateway). */
import { type FormEvent, useState } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { useI18n } from "@/i18n";
import type { Role } from "@/lib/api";
import { invalidate, useQuery } from "@/lib/query";

import { addPerson, listPeople, type Person, setRoles } from "../api/admin";

const ROLES: Role[] = ["contributor", "editor", "board", "spokesperson", "tenant-admin"];

function PersonRow({ person, onError }: { person: Person; onError: (e: Error) => void }): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const [roles, setLocal] = useState<string[]>(person.roles);
  const changed = [...roles].sort().join() !== [...person.roles].sort().join();
  const toggle = (role: string): void =>
    setLocal(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);
  return (
    <tr>
      <th scope="row">
        {person.display_name || person.username} <span className="muted">({person.username})</span>
      </th>
      {ROLES.map((role) => (
        <td key={role}>
          <input
            type="checkbox"
            aria-label={t("admin.personRole", { person: person.username, role: t(`role.${role}`) })}
            checked={roles.includes(role)}
            onChange={() => toggle(role)}
          />
        </td>
      ))}
      <td>
        <button
          type="button"
          disabled={!changed}
          onClick={() =>
            void setRoles(tenant, person.user_id, roles)
              .then(() => invalidate(`people:${tenant}`))
              .catch(onError)
          }
        >
          {t("admin.saveRoles")}
        </button>
      </td>
    </tr>
  );
}

export function PeopleAdmin(): React.JSX.Element {
  const { t } = useI18n();
  const { tenant } = useSession();
  const people = useQuery(`people:${tenant}`, () => listPeople(tenant));
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("contributor");
  const [error, setError] = useState<Error | null>(null);
  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await addPerson(tenant, username.trim(), [role]);
      setUsername("");
      invalidate(`people:${tenant}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <section aria-labelledby="people-heading" className="stack">
      <h2 id="people-heading">{t("admin.people")}</h2>
      <p className="muted">{t("admin.peopleExplain")}</p>
      <ErrorText error={error ?? people.error} />
      {people.data ? (
        <table className="table" data-testid="people">
          <caption className="visually-hidden">{t("admin.people")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.person")}</th>
              {ROLES.map((r) => (
                <th scope="col" key={r}>
                  {t(`role.${r}`)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t("admin.saveRoles")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((person) => (
              <PersonRow key={`${person.user_id}:${person.roles.join()}`} person={person} onError={setError} />
            ))}
          </tbody>
        </table>
      ) : (
        <Loading />
      )}
      <form className="row wrap" onSubmit={(event) => void add(event)}>
        <label className="field">
          <span>{t("admin.username")}</span>
          <input required value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label className="field">
          <span>{t("admin.firstRole")}</span>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("admin.addPerson")}</button>
      </form>
    </section>
  );
}
