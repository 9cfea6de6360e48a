import { lazy, Suspense } from "react";

import { ErrorText, Loading } from "@/components/Feedback";
import { useSession } from "@/features/auth/hooks/useSession";
import { canAudit } from "@/features/auth/permissions";
import { useI18n } from "@/i18n";
import { useQuery } from "@/lib/query";
import { Link } from "@/lib/router";

import { getStory } from "../api/stories";
import { StatusBadge } from "./StatusBadge";

// The editor (Tiptap/ProseMirror) and the diff views are loaded on demand: the queue
// screen, where most reviewers land, never downloads them.
const StoryEditor = lazy(() => import("@/features/editor/components/StoryEditor"));
const ReviewPanel = lazy(() => import("@/features/review/components/ReviewPanel"));
const HistoryPanel = lazy(() => import("@/features/history/components/HistoryPanel"));
const AuditPanel = lazy(() => import("@/features/audit/components/AuditPanel"));
const PreviewPanel = lazy(() => import("@/features/review/components/PreviewPanel"));

export type StoryTab = "write" | "review" | "history" | "audit" | "preview";

export function StoryScreen({ storyId, tab }: { storyId: string; tab: StoryTab }): React.JSX.Element {
  const { t } = useI18n();
  const session = useSession();
  const story = useQuery(`story:${session.tenant}:${storyId}`, () => getStory(session.tenant, storyId));
  const base = `/t/${session.tenant}/stories/${storyId}`;
  const tabs: { id: StoryTab; to: string; label: string }[] = [
    { id: "write", to: base, label: t("tab.write") },
    { id: "review", to: `${base}/review`, label: t("tab.review") },
    { id: "history", to: `${base}/history`, label: t("tab.history") },
    { id: "preview", to: `${base}/preview`, label: t("tab.preview") },
  ];
  if (canAudit(session)) tabs.push({ id: "audit", to: `${base}/audit`, label: t("tab.audit") });

  if (story.error) return <ErrorText error={story.error} />;
  if (!story.data) return <Loading />;
  const data = story.data;
  return (
    <article aria-labelledby="story-heading">
      <header className="story-header">
        <h1 id="story-heading">{data.headline || t("story.untitled")}</h1>
        <p className="row">
          <StatusBadge status={data.status ?? null} />
          <span className="muted">
            {t("story.revisionOf", { revision: data.current_revision })}
            {data.author ? ` · ${data.author.display_name}` : ""}
          </span>
        </p>
        <nav aria-label={t("tab.label")} className="tabs">
          {tabs.map((item) => (
            <Link
              key={item.id}
              to={item.to}
              className={item.id === tab ? "tab active" : "tab"}
              aria-current={item.id === tab ? "page" : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
      </header>
      <Suspense fallback={<Loading />}>
        {tab === "write" ? <StoryEditor key={`${data.id}`} story={data} /> : null}
        {tab === "review" ? <ReviewPanel story={data} /> : null}
        {tab === "history" ? <HistoryPanel story={data} /> : null}
        {tab === "audit" ? <AuditPanel storyId={data.id} /> : null}
        {tab === "preview" ? <PreviewPanel story={data} /> : null}
      </Suspense>
    </article>
  );
}
