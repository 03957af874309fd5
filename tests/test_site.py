"""``rosetta site``: a page that needs no network, checked as HTML and then in a real browser.

The browser test loads the page in headless Chromium (Debian's ``chromium``; .ci/install-system-packages
installs it in CI) and reads what the page's own script measured after layout: the columns shown
per concept, whether MathML was laid out as mathematics (each fraction's numerator above its
denominator), the plots decoded, and any error or console.error. A screenshot is kept in
test-artifacts/. Without chromium the browser tests skip and say so.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reference import cli
from reference.graph.models import MODELS as GRAPH_MODELS
from reference.views import show
from reference.views.equations import EQUATIONS

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The page, built from a short numpy-only compare run so that it has a table and plots."""
    folder = tmp_path_factory.mktemp("site")
    assert cli.main(["compare", "--backends", "numpy", "--iterations", "5", "--out", str(folder / "results"),
                     "--json"]) == 0
    assert cli.main(["site", "-o", str(folder / "site"), "--results", str(folder / "results")]) == 0
    return folder / "site" / "index.html"


class Page(HTMLParser):
    """Tags and attributes of the page, for the checks below."""

    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def count(self, tag, **attrs):
        return sum(1 for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


def test_page_needs_nothing_from_the_network(site):
    page = Page(site.read_text())
    links = [a.get(key, "") for _, a in page.tags for key in ("src", "href")]
    assert [link for link in links if re.match(r"^(https?:)?//", link)] == []
    assert page.count("link") == 0  # styles are inline
    assert all("src" not in a for t, a in page.tags if t == "script")  # scripts are inline
    assert sorted(p.name for p in site.parent.iterdir()) == ["index.html"]  # the plots are inside it


def test_page_has_every_concept_with_its_math_and_four_columns(site):
    text = site.read_text()
    page = Page(text)
    concepts = show.concepts()
    assert page.count("article", **{"class": "concept"}) == len(concepts)
    beside_graphs = sum(len(EQUATIONS[f"{m}.backward_propagation"].latex) for m in GRAPH_MODELS)
    assert page.count("math") == sum(len(EQUATIONS[c].latex) for c in concepts) + beside_graphs  # MathML, at build
    assert page.count("div", **{"class": "impl"}) == 4 * len(concepts)
    assert page.count("img") == 3  # costs, cost differences, decision boundaries
    assert '<article class="concept" id="deep_nn.backward_propagation">' in text
    assert "impl_numpy has no deep_nn.autodiff_gradients" in text
    assert page.count("article", **{"class": "model-graph"}) == 3  # a graph section per model
    if shutil.which("dot"):
        assert page.count("figure", **{"class": "graph"}) == 3 * 4 and text.count("<svg") >= 12


def test_columns_of_a_concept_have_the_same_number_of_rows(site):
    text = site.read_text()
    article = text[text.index('id="deep_nn.train"'):]
    article = article[:article.index("</article>")]
    rows = [len(re.findall(r'<span class="row', pre)) for pre in re.findall(r"<pre.*?</pre>", article, re.S)]
    assert len(rows) == 4 and len(set(rows)) == 1


def test_site_without_compare_results_says_so(tmp_path, capsys):
    assert cli.main(["site", "-o", str(tmp_path), "--results", str(tmp_path / "none")]) == 0
    assert "No results of <code>rosetta compare</code> were found" in (tmp_path / "index.html").read_text()
    assert str(tmp_path / "index.html") in capsys.readouterr().out


# ---------------------------------------------------------------- in a real browser

def chromium():
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no chromium: run .ci/install-system-packages (as root) to get the browser tests")
    return found


def browser(url, *extra):
    """Run headless chromium on ``url`` with a fresh profile; its stdout."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=5000", *extra, url],
            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def rendered(url):
    """What the page's script measured after layout (see reference/views/site_assets/site.js)."""
    dom = browser(url, "--dump-dom")
    match = re.search(r'<pre id="render-report"[^>]*>(.*?)</pre>', dom, re.S)
    assert match and match.group(1), "the page's script did not run"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_browser_renders_columns_math_and_plots_without_errors(site):
    report = rendered(site.as_uri())
    concepts = len(show.concepts())
    assert report["errors"] == []
    assert report["concepts"] == concepts and report["columns"] == [4] * concepts
    assert report["math"] == report["math_laid_out"] > 0
    assert report["fractions"] > 0 and report["fractions_stacked"] == report["fractions"]  # real MathML layout
    assert report["images"] == report["images_loaded"] == 3
    assert report["rows_differ"] == 0  # differences are marked only when two frameworks are compared
    if shutil.which("dot"):  # each model's graph in each framework: drawn, laid out, its nodes named
        assert report["graphs"] == report["graphs_drawn"] == 3 * 4
        assert report["graph_nodes"] > 300 and report["graph_nodes_labelled"] > 150


def test_browser_compares_two_frameworks(site):
    report = rendered(site.as_uri() + "?compare=numpy,jax")
    assert report["errors"] == []
    assert report["columns"] == [2] * report["concepts"]
    assert report["rows_differ"] > 0  # np.sum against jnp.sum, at least


def test_browser_screenshot_is_kept(site):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "site.png"
    screenshot.unlink(missing_ok=True)
    browser(site.as_uri(), "--window-size=1400,2000", f"--screenshot={screenshot}", "--hide-scrollbars")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
