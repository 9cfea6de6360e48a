import { useEffect, useState } from "react";

import { type MessageKey, useI18n } from "@/i18n";
import { formatDateTime } from "@/lib/dates";
import { Link } from "@/lib/router";

import { useLive } from "../hooks/useLiveUpdates";

export function NotificationsMenu(): React.JSX.Element {
  const { t } = useI18n();
  const live = useLive();
  const [open, setOpen] = useState(false);
  const { markRead, unread } = live;
  // What arrives while the list is open is seen as it arrives: it counts as read.
  useEffect(() => {
    if (open && unread > 0) markRead();
  }, [open, unread, markRead]);
  return (
    <div className="notifications">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notification-list"
        data-testid="notifications-button"
        onClick={() => {
          setOpen(!open);
          live.markRead();
        }}
      >
        {t("notifications.title")}{" "}
        <span className="count" data-testid="unread-count" aria-live="polite">
          {live.unread}
        </span>
        <span className={live.connected ? "dot on" : "dot"} title={t(live.connected ? "notifications.live" : "notifications.offline")}>
          <span className="visually-hidden">{t(live.connected ? "notifications.live" : "notifications.offline")}</span>
        </span>
      </button>
      {open ? (
        <ul id="notification-list" className="notification-list plain" data-testid="notification-list">
          {live.notifications.length === 0 ? <li>{t("notifications.none")}</li> : null}
          {live.notifications.map((event) => (
            <li key={event.id}>
              <Link to={`/t/${event.tenant}/stories/${event.story_id}/review`} onClick={() => setOpen(false)}>
                {t("notifications.item", {
                  who: event.actor_name || "?",
                  what: t(`event.${event.kind}` as MessageKey),
                  headline: event.headline,
                })}
              </Link>
              <span className="muted"> · {formatDateTime(event.at)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
