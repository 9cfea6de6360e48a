import { useState } from "react";

import { useSession } from "@/features/auth/hooks/useSession";
import { canWrite } from "@/features/auth/permissions";
import { useI18n } from "@/i18n";
import { formatDateTime } from "@/lib/dates";
import { useQuery } from "@/lib/query";
import { Link, navigate } from "@/lib/router";
import { ErrorText, Loading } from "@/components/Feedback";

import { createStory, listStories } from "../api/stories";
import { StatusBadge } from "./StatusBadge";

export function StoriesScreen(): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const [mine, setMine] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const stories = useQuery(`stories:${session.tenant}:${mine ? "me" : "all"}`, () =>
    listStories(session.tenant, mine ? { author: "me" } : {}),
  );
  const create = async (): Promise<void> => {
    try {
      const story = await createStory(session.tenant, {
        type: "news",
        visibility: "public",
        headline: t("story.newHeadline"),
        tags: [],
        media: [],
      });
      navigate(`/t/${session.tenant}/stories/${story.id}`);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <section aria-labelledby="stories-heading">
      <div className="row spread">
        <h1 id="stories-heading">{t("stories.title")}</h1>
        {canWrite(session) ? (
          <button type="button" className="primary" onClick={() => void create()}>
            {t("stories.new")}
          </button>
        ) : null}
      </div>
      <fieldset className="row">
        <legend className="visually-hidden">{t("stories.filter")}</legend>
        <label>
          <input type="radio" name="scope" checked={mine} onChange={() => setMine(true)} />{" "}
          {t("stories.mine")}
        </label>
        <label>
          <input type="radio" name="scope" checked={!mine} onChange={() => setMine(false)} />{" "}
          {t("stories.all")}
        </label>
      </fieldset>
      <ErrorText error={error ?? stories.error} />
      {stories.data === undefined ? (
        <Loading />
      ) : stories.data.length === 0 ? (
        <p>{t("stories.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("stories.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("story.headline")}</th>
              <th scope="col">{t("story.status")}</th>
              <th scope="col">{t("story.author")}</th>
              <th scope="col">{t("story.updatedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {stories.data.map((story) => (
              <tr key={story.id}>
                <td>
                  <Link to={`/t/${session.tenant}/stories/${story.id}`}>
                    {story.headline || t("story.untitled")}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={story.status ?? null} />
                </td>
                <td>{story.author?.display_name ?? "—"}</td>
                <td>{formatDateTime(story.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
