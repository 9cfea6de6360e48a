import {
  api,
  type Revision,
  type Schemas,
  type Story,
  type StoryFields,
  type StoryStatus,
  unwrap,
} from "@/lib/api";


export async function listStories(
  tenant: string,
  filter: { status?: StoryStatus; author?: string } = {},
): Promise<Story[]> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/stories", {
      params: { path: { tenant }, query: { ...filter, limit: 50 } },
    }),
  );
  return page.items;
}

export function getStory(tenant: string, storyId: string): Promise<Story> {
  return unwrap(
    api().GET("/v1/tenants/{tenant}/stories/{story_id}", {
      params: { path: { tenant, story_id: storyId } },
    }),
  );
}

export function createStory(tenant: string, fields: Schemas["StoryCreate"]): Promise<Story> {
  return unwrap(
    api().POST("/v1/tenants/{tenant}/stories", { params: { path: { tenant } }, body: fields }),
  );
}

export type StoryUpdate = Schemas["StoryUpdate"];

export function saveStory(tenant: string, storyId: string, body: StoryUpdate): Promise<Story> {
  return unwrap(
    api().PUT("/v1/tenants/{tenant}/stories/{story_id}", {
      params: { path: { tenant, story_id: storyId } },
      body,
    }),
  );
}

export async function listRevisions(tenant: string, storyId: string): Promise<Revision[]> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/stories/{story_id}/revisions", {
      params: { path: { tenant, story_id: storyId }, query: { limit: 200 } },
    }),
  );
  return page.items;
}

export function getRevision(tenant: string, storyId: string, number: number): Promise<Revision> {
  return unwrap(
    api().GET("/v1/tenants/{tenant}/stories/{story_id}/revisions/{number}", {
      params: { path: { tenant, story_id: storyId, number } },
    }),
  );
}

export function listSections(tenant: string): Promise<Schemas["Page_Section_"]> {
  return unwrap(api().GET("/v1/tenants/{tenant}/sections", { params: { path: { tenant } } }));
}

/** The editable fields of a story or revision, as a save sends them. */
export function fieldsOf(source: Story | Revision): StoryFields {
  return {
    type: source.type ?? "news",
    visibility: source.visibility ?? "public",
    language: source.language,
    headline: source.headline,
    slug: source.slug,
    slugline: source.slugline,
    byline: source.byline,
    summary: source.summary,
    body_html: source.body_html,
    section_id: source.section_id,
    tags: source.tags,
    media: source.media,
  };
}
