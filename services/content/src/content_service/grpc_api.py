"""gRPC servicer of newsroom.content.v1.ContentService: the request message in, the use
case of its aggregate, the response message out. The only module with *_pb2 requests."""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from content_service.publishing import mappers as published_mappers
from content_service.publishing.service import PublishedFilter, PublishingUseCases
from content_service.stories import mappers as story_mappers
from content_service.stories.service import StoryFilter, StoryUseCases
from content_service.tenants import mappers as tenant_mappers
from content_service.tenants.models import SectionCreate, TenantCreate
from content_service.tenants.service import TenantUseCases
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import content_service_pb2_grpc as pb_grpc
from newsroom.content.v1 import published_story_pb2, story_pb2
from newsroom_core.enums import StoryStatus, StoryType, from_proto
from newsroom_core.grpc.metadata import current_identity, optional_identity
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.timestamps import to_timestamp

SERVICE_NAME = "newsroom.content.v1.ContentService"
Context = grpc.ServicerContext


@dataclass(frozen=True, kw_only=True)
class ContentServicer(pb_grpc.ContentServiceServicer):
    """Holds each aggregate's use cases side by side; a method per RPC, nothing else."""

    tenants: TenantUseCases
    stories: StoryUseCases
    publishing: PublishingUseCases

    # --- tenants and sections -----------------------------------------------------------

    def CreateTenant(
        self, request: pb.CreateTenantRequest, context: Context
    ) -> pb.CreateTenantResponse:
        result = self.tenants.create_tenant(
            current_identity(),
            TenantCreate(
                slug=request.tenant,
                name=request.name,
                default_language=request.default_language,
                group_tenant=request.group_tenant,
            ),
        )
        return pb.CreateTenantResponse(
            tenant=tenant_mappers.tenant_to_pb(result.tenant),
            sections=[tenant_mappers.section_to_pb(s) for s in result.sections],
            created=result.created,
        )

    def GetTenant(self, request: pb.GetTenantRequest, context: Context) -> pb.GetTenantResponse:
        return pb.GetTenantResponse(
            tenant=tenant_mappers.tenant_to_pb(self.tenants.get_tenant(request.tenant))
        )

    def ListTenants(
        self, request: pb.ListTenantsRequest, context: Context
    ) -> pb.ListTenantsResponse:
        # public: the portal lists the group's sites without signing in
        page = self.tenants.list_tenants(request.page_size, request.page_token)
        return pb.ListTenantsResponse(
            tenants=[tenant_mappers.tenant_to_pb(t) for t in page.items],
            next_page_token=page.next_page_token,
        )

    def CreateSection(
        self, request: pb.CreateSectionRequest, context: Context
    ) -> pb.CreateSectionResponse:
        section = self.tenants.create_section(
            current_identity(),
            SectionCreate(
                tenant=request.tenant,
                slug=request.slug,
                name=request.name,
                description=request.description,
                parent_id=request.parent_id,
                position=request.position,
            ),
        )
        return pb.CreateSectionResponse(section=tenant_mappers.section_to_pb(section))

    def ListSections(
        self, request: pb.ListSectionsRequest, context: Context
    ) -> pb.ListSectionsResponse:
        sections = self.tenants.list_sections(request.tenant)
        return pb.ListSectionsResponse(sections=[tenant_mappers.section_to_pb(s) for s in sections])

    # --- stories ------------------------------------------------------------------------

    def CreateStory(
        self, request: pb.CreateStoryRequest, context: Context
    ) -> pb.CreateStoryResponse:
        story = self.stories.create_story(
            current_identity(), request.tenant, story_mappers.draft_from_request(request)
        )
        return pb.CreateStoryResponse(story=story_mappers.story_to_pb(story))

    def GetStory(self, request: pb.GetStoryRequest, context: Context) -> pb.GetStoryResponse:
        identity = current_identity()
        story = self.stories.get_story(identity, request.tenant, request.story_id)
        problems = self.stories.media_problems(identity, story) if request.check_media else []
        return pb.GetStoryResponse(
            story=story_mappers.story_to_pb(story),
            media_problems=[
                story_pb2.MediaProblem(asset_id=p.asset_id, reason=p.reason) for p in problems
            ],
        )

    def UpdateStory(
        self, request: pb.UpdateStoryRequest, context: Context
    ) -> pb.UpdateStoryResponse:
        saved = self.stories.update_story(
            current_identity(),
            request.tenant,
            request.story_id,
            request.expected_revision,
            story_mappers.draft_from_request(request),
            autosave=request.autosave,
            expected_version=request.expected_version,
        )
        return pb.UpdateStoryResponse(
            story=story_mappers.story_to_pb(saved.story),
            revision=story_mappers.revision_to_pb(saved.revision),
            coalesced=saved.coalesced,
        )

    def SealRevision(
        self, request: pb.SealRevisionRequest, context: Context
    ) -> pb.SealRevisionResponse:
        story = self.stories.seal_revision(
            current_identity(), request.tenant, request.story_id, request.revision
        )
        return pb.SealRevisionResponse(story=story_mappers.story_to_pb(story))

    def ListStories(
        self, request: pb.ListStoriesRequest, context: Context
    ) -> pb.ListStoriesResponse:
        page = self.stories.list_stories(
            current_identity(),
            request.tenant,
            StoryFilter(
                status=from_proto(StoryStatus, request.status) or "",
                author_id=request.author_id,
                section_id=request.section_id,
                type=from_proto(StoryType, request.type) or "",
            ),
            request.page_size,
            request.page_token,
        )
        return pb.ListStoriesResponse(
            stories=[story_mappers.story_to_pb(s) for s in page.items],
            next_page_token=page.next_page_token,
        )

    def ListRevisions(
        self, request: pb.ListRevisionsRequest, context: Context
    ) -> pb.ListRevisionsResponse:
        page = self.stories.list_revisions(
            current_identity(),
            request.tenant,
            request.story_id,
            request.page_size,
            request.page_token,
        )
        return pb.ListRevisionsResponse(
            revisions=[story_mappers.revision_to_pb(r) for r in page.items],
            next_page_token=page.next_page_token,
        )

    def GetRevision(
        self, request: pb.GetRevisionRequest, context: Context
    ) -> pb.GetRevisionResponse:
        revision = self.stories.get_revision(
            current_identity(), request.tenant, request.story_id, request.number
        )
        return pb.GetRevisionResponse(revision=story_mappers.revision_to_pb(revision))

    def DiffRevisions(
        self, request: pb.DiffRevisionsRequest, context: Context
    ) -> pb.DiffRevisionsResponse:
        changes = self.stories.diff_revisions(
            current_identity(),
            request.tenant,
            request.story_id,
            request.from_revision,
            request.to_revision,
        )
        return pb.DiffRevisionsResponse(
            story_id=request.story_id,
            from_revision=request.from_revision,
            to_revision=request.to_revision,
            diffs=[story_mappers.field_change_to_pb(c) for c in changes],
        )

    # --- public read models (identity optional) -------------------------------------

    def GetPublishedStory(
        self, request: pb.GetPublishedStoryRequest, context: Context
    ) -> pb.GetPublishedStoryResponse:
        story = self.publishing.get_published_story(
            optional_identity(), request.tenant, request.slug, request.include_internal
        )
        return pb.GetPublishedStoryResponse(story=published_mappers.published_to_pb(story))

    def IsMediaShown(
        self, request: pb.IsMediaShownRequest, context: Context
    ) -> pb.IsMediaShownResponse:
        shown = self.publishing.is_media_shown(request.tenant, request.asset_id, request.version)
        return pb.IsMediaShownResponse(shown=shown)

    def PreviewStory(
        self, request: pb.PreviewStoryRequest, context: Context
    ) -> pb.PreviewStoryResponse:
        story = self.publishing.preview_story(
            current_identity(), request.tenant, request.story_id, request.revision
        )
        return pb.PreviewStoryResponse(story=published_mappers.published_to_pb(story))

    def ListPublishedStories(
        self, request: pb.ListPublishedStoriesRequest, context: Context
    ) -> pb.ListPublishedStoriesResponse:
        page = self.publishing.list_published(
            optional_identity(),
            request.tenant,
            PublishedFilter(
                section_slug=request.section_slug,
                tag_slug=request.tag_slug,
                type=from_proto(StoryType, request.type) or "",
                include_internal=request.include_internal,
            ),
            request.page_size,
            request.page_token,
        )
        return pb.ListPublishedStoriesResponse(
            stories=[published_mappers.published_summary_to_pb(s) for s in page.items],
            next_page_token=page.next_page_token,
        )

    def ListRelatedStories(
        self, request: pb.ListRelatedStoriesRequest, context: Context
    ) -> pb.ListRelatedStoriesResponse:
        stories = self.publishing.related_published(request.tenant, request.slug, request.page_size)
        return pb.ListRelatedStoriesResponse(
            stories=[published_mappers.published_summary_to_pb(s) for s in stories]
        )

    def SearchPublishedStories(
        self, request: pb.SearchPublishedStoriesRequest, context: Context
    ) -> pb.SearchPublishedStoriesResponse:
        page = self.publishing.search_published(
            optional_identity(),
            request.tenant,
            request.query,
            include_internal=request.include_internal,
            section_slug=request.section_slug,
            size=request.page_size,
            token=request.page_token,
        )
        return pb.SearchPublishedStoriesResponse(
            hits=[
                published_story_pb2.SearchHit(
                    story=published_mappers.published_summary_to_pb(hit.story),
                    rank=hit.rank,
                    snippet_html=hit.snippet_html,
                )
                for hit in page.items
            ],
            next_page_token=page.next_page_token,
        )

    def GetFeed(self, request: pb.GetFeedRequest, context: Context) -> pb.GetFeedResponse:
        document = self.publishing.feed(
            request.tenant,
            request.section_slug,
            request.format == published_story_pb2.FEED_FORMAT_ATOM,
            request.base_url,
        )
        return pb.GetFeedResponse(
            content_type=document.content_type,
            body=document.body,
            etag=document.etag,
            last_modified=to_timestamp(document.last_modified),
        )

    def GetSitemap(self, request: pb.GetSitemapRequest, context: Context) -> pb.GetSitemapResponse:
        if request.news:
            document = self.publishing.news_sitemap(request.tenant, request.base_url)
        else:
            document = self.publishing.sitemap(request.tenant, request.base_url)
        return pb.GetSitemapResponse(
            content_type=document.content_type,
            body=document.body,
            etag=document.etag,
            last_modified=to_timestamp(document.last_modified),
        )


def binding(servicer: ContentServicer) -> ServiceBinding:
    return ServiceBinding(servicer, pb_grpc.add_ContentServiceServicer_to_server, SERVICE_NAME)
