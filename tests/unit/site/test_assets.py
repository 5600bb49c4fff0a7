"""The theme's stylesheets and scripts: minified, named after their content, the same every time."""

from callboard.site.assets import Assets, hashed_path, is_asset, published_bytes
from tests.support.boards import REPO

THEME_ASSETS = REPO / "templates/static/assets"


def test_a_stylesheet_and_a_script_are_minified_and_other_assets_kept_as_they_are():
    css = b"/* a comment */\nbody {\n  color: red;\n}\n"
    assert published_bytes("assets/site.css", css) == b"body{color:red}"
    js = b"// why\nvar answer = 1 + 2;\n"
    assert published_bytes("assets/site.js", js) == b"var answer=1+2;"
    svg = (THEME_ASSETS / "favicon.svg").read_bytes()
    assert published_bytes("assets/favicon.svg", svg) == svg


def test_the_name_carries_a_hash_of_the_published_bytes():
    assert hashed_path("assets/callboard.css", b"a") == "assets/callboard.ca978112.css"
    assert hashed_path("assets/callboard.css", b"b") != hashed_path("assets/callboard.css", b"a")
    assert hashed_path("assets/needs-filter.js", b"a") == "assets/needs-filter.ca978112.js"


def test_every_theme_asset_is_published_smaller_under_one_name_on_every_build():
    sources = {f"assets/{path.name}": path for path in THEME_ASSETS.iterdir()}
    first, second = Assets(sources.get), Assets(sources.get)
    for path, source in sources.items():
        name, data = first.publish(path, source)
        assert is_asset(path) and name.startswith(path.rsplit(".", 1)[0] + ".")
        assert (name, data) == second.publish(path, source) and first.address(path) == name
        if path.endswith((".css", ".js")):
            assert len(data) < source.stat().st_size, path
    assert first.address("assets/missing.css") is None
    assert not is_asset("images/assets.png")
