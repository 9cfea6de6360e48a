from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class StoryRef(_message.Message):
    __slots__ = ("tenant", "story_id")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    story_id: str
    def __init__(self, tenant: _Optional[str] = ..., story_id: _Optional[str] = ...) -> None: ...
