#!/usr/bin/env python3
"""Write a deterministic, realistic board of any size for benchmarks.

    python bench/generate.py --needs 10000 --out /tmp/board-10k
    python bench/generate.py --needs 10000 --out /tmp/board-10k-git --history 3
    python bench/generate.py --needs 1000 --photos 500 --out /tmp/board-photos

The same arguments always give the same files: a board of N needs, N/10 case stories and
N/20 testbeds from a few hundred organisations, bodies of 300-700 words with headings, lists,
tables and links, and deadlines spread around the build date so that every status occurs.
With `--history N` the board is a git repository: a first commit of everything, then N commits
that each move the deadline of every 50th need (a different 50th each time), with fixed dates,
for measuring what reading the history costs ("Ändringar" on each need page).
With `--photos N`, N phone-like JPEGs (2400 x 1600, EXIF with a GPS position, every third one
stored sideways with an orientation flag) go into static/photos/, spread over the case stories
as their `image` and galleries.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from slugify import slugify

BUILD_DATE = date(2026, 11, 28)
CATEGORIES = ["Vård och omsorg", "Energi", "Vatten och avlopp", "Skola", "Samhällsbyggnad",
              "Trafik och mobilitet", "Miljö och avfall", "Trygghet", "Digitalisering", "Kultur och fritid",
              "Livsmedel", "Bostäder"]
TAGS = ["sensorer", "ai", "välfärdsteknik", "vinterväghållning", "läcksökning", "matsvinn", "solceller",
        "effekttoppar", "fastighetsdata", "cirkularitet", "mobilitet", "laddning", "trygghet", "belysning",
        "hemtjänst", "digitala lås", "inomhusklimat", "ventilation", "återbruk", "drönare", "öppna data",
        "kartor", "prognoser", "batterier", "biogas", "dagvatten", "skolmat", "logistik", "e-hälsa", "robotar"]
PLACES = ["Växjö", "Umeå", "Luleå", "Kiruna", "Gävle", "Borås", "Örebro", "Västerås", "Jönköping", "Kalmar",
          "Karlstad", "Sundsvall", "Östersund", "Halmstad", "Falun", "Skellefteå", "Norrköping", "Linköping",
          "Helsingborg", "Lund", "Trollhättan", "Uddevalla", "Visby", "Ystad", "Piteå", "Ljusdal", "Åre",
          "Älmhult", "Härnösand", "Motala"]
KINDS = ["kommun", "Region", "Bostäder AB", "Energi AB", "Vatten AB", "Fastigheter AB"]
WORDS = ("behov lösning kommun invånare tjänst verksamhet utveckling system data sensor drift underhåll "
         "kostnad energi vatten skola elev personal omsorg brukare hemtjänst fastighet hyresgäst trafik "
         "gata vinter snö halka läcka ledning nät prognos test pilot upphandling leverantör innovation "
         "samverkan mätning analys plattform användare kvalitet säkerhet miljö klimat effekt minskning "
         "ökning resultat uppföljning").split()
PROCUREMENT = ["innovation-partnership", "pre-commercial", "testbed", "dialogue", "direct-award"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Emma", "Ahmed", "Fatima", "Åsa", "Örjan"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Lind", "Berg"]


def organisations(count: int) -> list[str]:
    names = []
    for index in range(count):
        place, kind = PLACES[index % len(PLACES)], KINDS[(index // len(PLACES)) % len(KINDS)]
        suffix = "" if index < len(PLACES) * len(KINDS) else f" {index // (len(PLACES) * len(KINDS)) + 1}"
        names.append((f"Region {place}" if kind == "Region" else f"{place} {kind}") + suffix)
    return names


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, need_slugs: list[str]) -> str:
    """300-700 words: sections with paragraphs, a list, sometimes a table and links."""
    target, parts, words = rng.randint(300, 700), [], 0
    for heading in ("Bakgrund", "Behov", "Vad vi erbjuder", "Så ansöker du"):
        parts.append(f"## {heading}\n")
        paragraph = " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))
        parts.append(paragraph + "\n")
        words += paragraph.count(" ") + 1
        if heading == "Behov":
            parts.append("\n".join(f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(rng.randint(3, 6))) + "\n")
        if heading == "Bakgrund" and rng.random() < 0.5:
            rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 9000)} |" for _ in range(4))
            parts.append(f"| Område | Antal |\n|:--|--:|\n{rows}\n")
        if need_slugs and rng.random() < 0.3:
            parts.append(f"Läs också [ett liknande behov](/needs/{rng.choice(need_slugs)}/) och "
                         f"[mer om innovationsupphandling](https://www.upphandlingsmyndigheten.se/).\n")
    while words < target:
        paragraph = " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(4))
        parts.append(paragraph + "\n")
        words += paragraph.count(" ") + 1
    return "\n".join(parts)


def front(fields: dict) -> str:
    lines = []
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for member in value:
                lines += [f"  {'-' if index == 0 else ' '} {k}: {v}" for index, (k, v) in enumerate(member.items())]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def contact(rng: random.Random) -> dict:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}".lower().translate(str.maketrans("åäö", "aao"))
    return {"name": f"{first} {last}", "email": f"{email}@example.org", "phone": '"070-174 06 05"'}


def need(rng: random.Random, index: int, orgs: list[str], testbeds: list[str], slugs: list[str]) -> tuple[str, str]:
    slug = f"behov-{index:05d}-{slugify(rng.choice(WORDS))}"
    published = BUILD_DATE - timedelta(days=rng.randint(0, 720))
    roll = rng.random()
    deadline = opens = status = None
    if roll < 0.35:
        deadline = BUILD_DATE + timedelta(days=rng.randint(0, 200))
    elif roll < 0.45:
        opens = BUILD_DATE + timedelta(days=rng.randint(1, 90))
        deadline = opens + timedelta(days=rng.randint(30, 120))
    elif roll < 0.85:
        deadline = published + timedelta(days=rng.randint(20, 90))
        deadline = min(deadline, BUILD_DATE - timedelta(days=1))
        status = rng.choice([None, None, "awarded", "cancelled"])
    fields = {
        "title": f"{sentence(rng, rng.randint(3, 7))[:-1]} i {rng.choice(PLACES)}",
        "organisation": rng.choice(orgs),
        "summary": sentence(rng, rng.randint(10, 18))[:190],
        "published": published.isoformat(),
        "opens": opens.isoformat() if opens else None,
        "deadline": deadline.isoformat() if deadline and deadline >= published else None,
        "status": status,
        "categories": rng.sample(CATEGORIES, rng.randint(1, 2)),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "procurement": rng.choice(PROCUREMENT),
        "budget": f'"{rng.randint(1, 50) * 100} 000 SEK"',
        "contact": contact(rng),
        "testbeds": rng.sample(testbeds, 1) if testbeds and rng.random() < 0.2 else None,
    }
    return slug, front(fields) + "\n" + body(rng, slugs)


PHOTO_SIZE = (2400, 1600)


def photo(rng: random.Random, index: int) -> bytes:
    """A JPEG that costs what a phone photo costs to process: a sky, shapes, grain and EXIF."""
    import io

    from PIL import Image, ImageDraw, ImageFilter, ImageOps

    width, height = PHOTO_SIZE
    top, bottom = (rng.randint(20, 200), rng.randint(60, 220), rng.randint(90, 250)), (rng.randint(20, 120),) * 3
    picture = ImageOps.colorize(Image.linear_gradient("L").resize(PHOTO_SIZE), top, bottom)
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y = rng.randint(0, width), rng.randint(height // 3, height)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.rectangle((x, y, x + rng.randint(50, 600), y + rng.randint(50, 500)), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise((width // 2, height // 2), 30).resize(PHOTO_SIZE).convert("RGB")
    picture = Image.blend(picture, grain, 0.12)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (57.0, float(index % 60), 1.0), 3: "E", 4: (14.0, 3.0, 2.0)}
    if index % 3 == 0:
        picture = picture.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def write_photos(out: Path, count: int, rng: random.Random) -> list[str]:
    folder = out / "static" / "photos"
    folder.mkdir(parents=True)
    names = []
    for index in range(count):
        name = f"photos/foto-{index:04d}.jpg"
        (out / "static" / name).write_bytes(photo(rng, index))
        names.append(name)
    return names


def photo_fields(photos: list[str], case: int, cases: int) -> dict:
    """The case story's share of the photos: its image, and the rest as its gallery."""
    mine = photos[case::cases]
    if not mine:
        return {}
    gallery = [{"src": src, "alt": f"Foto {index + 2} från projektet"} for index, src in enumerate(mine[1:])]
    return {"image": mine[0], "image_alt": "Foto från projektet", "image_credit": "Innovationsnoden",
            **({"images": gallery} if gallery else {})}


def generate(needs: int, out: Path, seed: int = 1, photos: int = 0) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("needs", "testbeds", "cases"):
        (out / "content" / folder).mkdir(parents=True)
    (out / "callboard.toml").write_text(
        'title = "Nationella innovationstavlan"\nlang = "sv"\nbase_url = "https://tavla.example.org/"\n'
        '[hub]\nname = "Innovationsnoden"\nemail = "hej@example.org"\n'
        '[accessibility]\norganisation = "Innovationsnoden"\ncompliance = "full"\nemail = "hej@example.org"\n'
        'method = "self"\nassessed = 2026-11-01\n', encoding="utf-8")
    orgs = organisations(max(10, min(600, needs // 15)))
    testbed_slugs = []
    for index in range(max(1, needs // 20)):
        slug = f"testbadd-{index:04d}"
        testbed_slugs.append(slug)
        fields = {"title": f"Testbädd för {rng.choice(WORDS)} i {rng.choice(PLACES)}", "host": rng.choice(orgs),
                  "summary": sentence(rng, 20), "location": rng.choice(PLACES),
                  "categories": rng.sample(CATEGORIES, 2), "tags": rng.sample(TAGS, 2), "contact": contact(rng)}
        (out / "content/testbeds" / f"{slug}.md").write_text(front(fields) + "\n" + body(rng, []), encoding="utf-8")
    need_slugs: list[str] = []
    for index in range(needs):
        slug, text = need(rng, index, orgs, testbed_slugs, need_slugs[-200:])
        need_slugs.append(slug)
        (out / "content/needs" / f"{slug}.md").write_text(text, encoding="utf-8")
    photo_names = write_photos(out, photos, random.Random(seed)) if photos else []
    cases = max(1, needs // 10)
    for index in range(cases):
        fields = {"title": f"Så löste vi {rng.choice(WORDS)} i {rng.choice(PLACES)}", "summary": sentence(rng, 20),
                  "need": rng.choice(need_slugs) if rng.random() < 0.5 else None, "organisation": rng.choice(orgs),
                  "partners": [f"{rng.choice(WORDS).capitalize()} AB"], "completed": (BUILD_DATE - timedelta(days=rng.randint(1, 900))).isoformat(),
                  "categories": rng.sample(CATEGORIES, 1), "tags": rng.sample(TAGS, 2), "outcome": sentence(rng, 12),
                  **photo_fields(photo_names, index, cases)}
        (out / "content/cases" / f"berattelse-{index:04d}.md").write_text(front(fields) + "\n" + body(rng, need_slugs[-50:]),
                                                                           encoding="utf-8")


HISTORY_EDIT_EVERY = 50


def make_history(root: Path, commits: int) -> None:
    """Make `root` a git repository with a first commit and `commits` commits moving deadlines."""
    day = datetime(2026, 9, 1, 10, 0, tzinfo=timezone.utc)
    git(root, day, "init", "-q", "-b", "main")
    git(root, day, "add", ".")
    git(root, day, "commit", "-q", "-m", "Board as generated")
    needs = sorted((root / "content/needs").glob("*.md"))
    for number in range(1, commits + 1):
        for path in needs[number % HISTORY_EDIT_EVERY::HISTORY_EDIT_EVERY]:
            text = path.read_text(encoding="utf-8")
            moved = re.sub(r"^deadline: (\d{4}-\d{2}-\d{2})$",
                           lambda m: f"deadline: {date.fromisoformat(m[1]) + timedelta(days=7 * number)}",
                           text, count=1, flags=re.M)
            path.write_text(moved, encoding="utf-8")
        day += timedelta(days=14)
        git(root, day, "commit", "-q", "-am", f"Move deadlines, round {number}")


def git(root: Path, when: datetime, *args: str) -> None:
    stamp = when.isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "Bench",
           "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--history", type=int, default=0, metavar="N", help="make it a git repository with N "
                        "commits that move deadlines")
    parser.add_argument("--photos", type=int, default=0, help="phone-like photos for the case stories")
    args = parser.parse_args()
    generate(args.needs, args.out, args.seed, args.photos)
    if args.history:
        make_history(args.out, args.history)
    print(f"wrote a board of {args.needs} needs to {args.out}")


if __name__ == "__main__":
    main()
