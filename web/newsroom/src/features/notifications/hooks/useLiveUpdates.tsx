import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

import { useSession } from "@/features/auth/hooks/useSession";
import { invalidate } from "@/lib/query";

import { type LiveEvent, openStream } from "../api/stream";

interface Live {
  connected: boolean;
  notifications: LiveEvent[];
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
  const [notifications, setNotifications] = useState<LiveEvent[]>([]);
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
        setNotifications((list) => [event, ...list.filter((e) => e.id !== event.id)].slice(0, KEEP));
        setUnread((count) => count + 1);
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
