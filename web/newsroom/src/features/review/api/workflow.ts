import { api, type Comment, type Schemas, unwrap, type Workflow } from "@/lib/api";

type Ref = { tenant: string; story_id: string };
const at = (tenant: string, storyId: string): { path: Ref } => ({
  path: { tenant, story_id: storyId },
});

export type WorkflowResult = Schemas["WorkflowResult"];

export async function getWorkflow(tenant: string, storyId: string): Promise<Workflow | null> {
  const result = await api().GET("/v1/tenants/{tenant}/stories/{story_id}/workflow", {
    params: at(tenant, storyId),
  });
  if (result.response.status === 404) return null;
  return unwrap(Promise.resolve(result));
}

export const submit = (tenant: string, storyId: string, revision: number): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/submit", {
      params: at(tenant, storyId),
      body: { revision },
    }),
  );

export const approve = (
  tenant: string,
  storyId: string,
  revision: number,
  comment: string,
): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/approve", {
      params: at(tenant, storyId),
      body: { revision, comment },
    }),
  );

export const requestChanges = (
  tenant: string,
  storyId: string,
  revision: number,
  reason: string,
): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/request-changes", {
      params: at(tenant, storyId),
      body: { revision, reason },
    }),
  );

export const schedule = (
  tenant: string,
  storyId: string,
  revision: number,
  publishAt: string,
  embargo: boolean,
): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/schedule", {
      params: at(tenant, storyId),
      body: { revision, publish_at: publishAt, embargo },
    }),
  );

export const unschedule = (tenant: string, storyId: string, reason: string): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/unschedule", {
      params: at(tenant, storyId),
      body: { reason },
    }),
  );

export const publish = (tenant: string, storyId: string, revision: number): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/publish", {
      params: at(tenant, storyId),
      body: { revision },
    }),
  );

export const correct = (
  tenant: string,
  storyId: string,
  revision: number,
  note: string,
): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/correct", {
      params: at(tenant, storyId),
      body: { revision, correction_note: note },
    }),
  );

export const retract = (tenant: string, storyId: string, reason: string): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/retract", {
      params: at(tenant, storyId),
      body: { reason },
    }),
  );

export const fastTrack = (
  tenant: string,
  storyId: string,
  body: Schemas["FastTrackBody"],
): Promise<WorkflowResult> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/fast-track", {
      params: at(tenant, storyId),
      body,
    }),
  );

export async function getTakedown(
  tenant: string,
  storyId: string,
): Promise<Schemas["Takedown"] | null> {
  const result = await api().GET("/v1/tenants/{tenant}/stories/{story_id}/takedown", {
    params: at(tenant, storyId),
  });
  if (result.response.status === 404) return null;
  return unwrap(Promise.resolve(result));
}

export async function listComments(tenant: string, storyId: string): Promise<Comment[]> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/stories/{story_id}/comments", {
      params: { ...at(tenant, storyId), query: { limit: 200 } },
    }),
  );
  return page.items;
}

export const addComment = (
  tenant: string,
  storyId: string,
  body: Schemas["CommentCreate"],
): Promise<Comment> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/comments", {
      params: at(tenant, storyId),
      body,
    }),
  );

export const resolveComment = (tenant: string, storyId: string, commentId: string): Promise<Comment> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/stories/{story_id}/comments/{comment_id}/resolve", {
      params: { path: { tenant, story_id: storyId, comment_id: commentId } },
    }),
  );
