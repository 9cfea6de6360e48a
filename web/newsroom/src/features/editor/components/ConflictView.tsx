/**
 * Someone else saved while you were typing. Both versions stay: "keep mine" saves yours
 * on top (theirs remains the revision before it); "take theirs" loads theirs and keeps
 * yours aside, restorable, in this browser.
 */
import { DIFF_FIELDS, fieldText, SideBySideDiff } from "@/features/history/components/SideBySideDiff";
import { useI18n } from "@/i18n";
import type { Story, StoryFields } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import { fieldsOf } from "@/features/stories/api/stories";

export function ConflictView({
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: StoryFields;
  theirs: Story;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}): React.JSX.Element {
  const { t } = useI18n();
  const theirFields = fieldsOf(theirs);
  const changed = DIFF_FIELDS.filter(
    (field) => fieldText(theirFields[field]) !== fieldText(mine[field]),
  );
  return (
    <section className="conflict" aria-labelledby="conflict-heading" data-testid="conflict-view">
      <h2 id="conflict-heading">{t("conflict.title")}</h2>
      <p>
        {t("conflict.explain", {
          who: theirs.author?.display_name ?? "?",
          revision: theirs.current_revision,
          time: formatDateTime(theirs.updated_at),
        })}
      </p>
      {changed.map((field) => (
        <SideBySideDiff
          key={field}
          field={field}
          label={t(`field.${field}`)}
          left={fieldText(theirFields[field])}
          right={fieldText(mine[field])}
          leftTitle={t("conflict.theirs", { revision: theirs.current_revision })}
          rightTitle={t("conflict.mine")}
        />
      ))}
      <div className="row">
        <button type="button" className="primary" onClick={onKeepMine}>
          {t("conflict.keepMine")}
        </button>
        <button type="button" onClick={onTakeTheirs}>
          {t("conflict.takeTheirs")}
        </button>
      </div>
    </section>
  );
}
