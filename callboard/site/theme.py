"""Where templates and theme files come from: the board's own, then callboard's default theme.

The default theme is the repository's `templates/` folder. A wheel carries it inside the
package as `callboard/theme/`; a checkout or editable install reads it in place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE_SUFFIXES = (".html", ".svg")
"""Templates are HTML pages, and SVG drawings made at build time (the statistics charts)."""


def default_theme_dir() -> Path:
    packaged = _PACKAGE / "theme"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"


@dataclass(frozen=True)
class ThemeFiles:
    """The template folders and static folders of one board, in order of precedence."""

    board_root: Path
    theme_dir: Path

    @classmethod
    def for_board(cls, root: Path) -> "ThemeFiles":
        return cls(board_root=root, theme_dir=default_theme_dir())

    @property
    def template_dirs(self) -> list[Path]:
        """The board's templates/ overrides the theme's file by file."""
        own = self.board_root / "templates"
        dirs = [own] if own.is_dir() and own.resolve() != self.theme_dir.resolve() else []
        return dirs + [self.theme_dir]

    @property
    def static_dirs(self) -> list[Path]:
        """Theme files first, then the board's static/ (with its templates/static/), later ones win."""
        candidates = [self.theme_dir / "static", self.board_root / "templates" / "static", self.board_root / "static"]
        unique: list[Path] = []
        for folder in candidates:
            if folder.is_dir() and folder.resolve() not in [u.resolve() for u in unique]:
                unique.append(folder)
        return unique

    def static_files(self) -> dict[str, Path]:
        """Output path -> source file for everything copied as it is."""
        return self._static_files

    @cached_property
    def _static_files(self) -> dict[str, Path]:
        """Listed once per build: the pipeline and every asset link ask for it."""
        files: dict[str, Path] = {}
        for folder in self.static_dirs:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    # macOS may store `snö.png` decomposed (o + combining diaeresis): published composed (NFC),
                    # the form a link in a body has
                    files[unicodedata.normalize("NFC", path.relative_to(folder).as_posix())] = path
        return dict(sorted(files.items()))

    def template_files(self) -> dict[str, Path]:
        """Template name -> the file that provides it (the board's own before the theme's)."""
        files: dict[str, Path] = {}
        for folder in reversed(self.template_dirs):
            for path in sorted(folder.rglob("*")):
                relative = path.relative_to(folder)
                if path.suffix in TEMPLATE_SUFFIXES and relative.parts[0] != "static":
                    files[relative.as_posix()] = path
        return dict(sorted(files.items()))

    def static_file(self, output_path: str) -> Path | None:
        return self.static_files().get(output_path)
