import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

import { useSession } from "@/features/auth/hooks/useSession";
import { getWorkflow } from "@/features/review/api/workflow";
import { invalidate } from "@/lib/query";

import { type LiveEvent, openStream } from "../api/stream";

export interface Notification extends LiveEvent {
  headline: string;
}

interface Live {
  connected: boolean;
  notifications: Notification[];
  unread: number;
  markRead: () => void;
}

const LiveContext = createContext<Live>({
  connected: false,
  notifications: [],
  unread: 0,
  markRead: () => undefined,
});

export const useLive = (): Live => useContext(LiveContext);

const KEEP = 30;

/** One stream per signed-in person; events reload the affected screens' data. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const session = useSession();
  const [connected, setConnected] = useState(false);
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const userId = session.me.user_id;

  useEffect(() => {
    const handle = openStream(
      (event) => {
        invalidate(`queue:${event.tenant}`);
        invalidate(`story:${event.tenant}:${event.story_id}`);
        invalidate(`workflow:${event.tenant}:${event.story_id}`);
        invalidate(`comments:${event.tenant}:${event.story_id}`);
        invalidate(`stories:${event.tenant}`);
        invalidate(`audit:${event.tenant}`);
        if (event.kind.startsWith("freeze")) invalidate(`freezes:${event.tenant}`);
        if (event.actor_id === userId) return; // your own action is no news to you
        const add = (headline: string): void => {
          setNotifications((list) =>
            [{ ...event, headline }, ...list.filter((e) => e.id !== event.id)].slice(0, KEEP),
          );
          setUnread((count) => count + 1);
        };
        if (!event.story_id) {
          add(event.reason);
          return;
        }
        // The stream carries ids only: the headline comes through the API, with our token.
        getWorkflow(event.tenant, event.story_id)
          .then((workflow) => add(workflow?.headline ?? ""))
          .catch(() => add(""));
      },
      setConnected,
    );
    return () => handle.close();
  }, [userId]);

  const value = useMemo<Live>(
    () => ({ connected, notifications, unread, markRead: () => setUnread(0) }),
    [connected, notifications, unread],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
