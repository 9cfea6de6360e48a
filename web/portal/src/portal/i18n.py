"""Interface strings from gettext message catalogues (``locales/<lang>/LC_MESSAGES/portal.po``).

Message ids are English; ``vi`` is the default interface language, ``en`` the other one.
The ``.po`` files are read with Babel at start-up (no compiled ``.mo`` files to keep in
step). Story text is never translated: its language comes from the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.messages.pofile import read_po

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LOCALES_DIR = Path(__file__).parent / "locales"
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True, slots=True)
class Translator:
    language: str
    messages: dict[str, str]
    timezone: ZoneInfo

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        # Vietnamese has one form; English two. Plural ids are stored as "singular|plural".
        key = singular if n == 1 or self.language == "vi" else plural
        return self.messages.get(key) or key

    def date(self, value: datetime | str | None, style: str = "medium") -> str:
        if value is None:
            return ""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        pattern = {"medium": "d/M/yyyy HH:mm", "short": "d/M/yyyy"}[style]
        if self.language == "en":
            pattern = {"medium": "d MMM yyyy, HH:mm", "short": "d MMM yyyy"}[style]
        return format_datetime(moment, pattern, tzinfo=self.timezone, locale=self.language)


def load_catalogue(language: str) -> dict[str, str]:
    path = LOCALES_DIR / language / "LC_MESSAGES" / "portal.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # plural: (singular, plural) -> forms
            forms = [str(f) for f in (message.string or ()) if f]
            if forms:
                messages[str(message.id[0])] = forms[0]
                messages[str(message.id[1])] = forms[-1]
        elif message.string:
            messages[str(message.id)] = str(message.string)
    return messages


class Translations:
    def __init__(self, timezone: str) -> None:
        zone = ZoneInfo(timezone)
        self._by_language = {
            language: Translator(language, load_catalogue(language), zone) for language in LANGUAGES
        }

    def get(self, language: str) -> Translator:
        return self._by_language.get(language) or self._by_language[DEFAULT_LANGUAGE]


def pick_language(requested: str | None, site_default: str) -> str:
    """``?lang=`` when it names an interface language, else the site's default."""
    if requested in LANGUAGES:
        return str(requested)
    return site_default if site_default in LANGUAGES else DEFAULT_LANGUAGE
