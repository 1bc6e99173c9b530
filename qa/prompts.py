"""Load prompt and answer templates from the ``prompts`` package and render them strictly.

Templates are files, not string literals in code, so wording can change without touching
logic. They are package data read with :mod:`importlib.resources`, so an installed wheel
finds them as a checkout does. Each declares its variables; :meth:`Template.render` raises
on a missing or an undeclared one, so a template edit cannot silently produce "{span}" in
an answer.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from qa.types import Language
from vectorstore.errors import ConfigError

PROMPTS_PACKAGE = "prompts"


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
    """Every template in ``filename`` of the ``prompts`` package, by name.

    Raises:
        ConfigError: the file is missing, unreadable or not valid TOML (the message names it).
    """
    try:
        text = files(PROMPTS_PACKAGE).joinpath(filename).read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, ModuleNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read prompt file {PROMPTS_PACKAGE}/{filename}: {exc}") from exc
    return {
        name: Template(name, tuple(body.get("variables", ())), {k: v for k, v in body.items() if k in ("vi", "en")})
        for name, body in data.items()
    }


def template(name: str, filename: str = "answers.toml") -> Template:
    try:
        return load_templates(filename)[name]
    except KeyError as exc:
        raise ConfigError(f"no template named {name!r} in {PROMPTS_PACKAGE}/{filename}") from exc


def cannot_answer(language: Language) -> str:
    """The single "the articles don't hold the answer" sentence, in ``language``."""
    return template("cannot_answer").render(language)
