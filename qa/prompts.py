"""Load prompt and answer templates from ``prompts/`` and render them strictly.

Templates are files, not string literals in code, so wording can change without touching
logic. Each declares its variables; :meth:`Template.render` raises on a missing or an
undeclared one, so a template edit cannot silently produce "{span}" in an answer.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa.types import Language
from vectorstore.errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@dataclass(frozen=True)
class Template:
    name: str
    variables: tuple[str, ...]
    texts: dict[str, str]

    def __post_init__(self) -> None:
        for lang, text in self.texts.items():
            used = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            if used != set(self.variables):
                raise ConfigError(
                    f"template {self.name}.{lang} uses {sorted(used)} but declares {sorted(self.variables)}"
                )

    def render(self, language: Language, **values: object) -> str:
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise ConfigError(f"template {self.name}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        return self.texts[language].format(**values)


@lru_cache(maxsize=8)
def load_templates(filename: str = "answers.toml") -> dict[str, Template]:
    path = PROMPTS_DIR / filename
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read prompt file {path}: {exc}") from exc
    return {
        name: Template(name, tuple(body.get("variables", ())), {k: v for k, v in body.items() if k in ("vi", "en")})
        for name, body in data.items()
    }


def template(name: str, filename: str = "answers.toml") -> Template:
    try:
        return load_templates(filename)[name]
    except KeyError as exc:
        raise ConfigError(f"no template named {name!r} in {PROMPTS_DIR / filename}") from exc


def cannot_answer(language: Language) -> str:
    """The single "the articles don't hold the answer" sentence, in ``language``."""
    return template("cannot_answer").render(language)
