"""Full build time against the number of languages, on copies of the project.

A copy with fewer languages keeps English and the first translations; a copy with more gets
synthetic languages: real language codes (Material has their theme strings), each a copy of an
existing translation in a similar script, taken from each translation in turn so that the mix
of work per language stays the real site's. The copy's mkdocs.yml is the real one loaded and
written back as YAML with only the i18n `languages:` list changed (mkdocs_yaml.py).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from scripts.config.site import ROOT
from scripts.tools.bench import mkdocs_yaml
from scripts.tools.bench.timing import log, measure_build, mkdocs_cmd
from scripts.tools.project_copy import copy_project

LANGUAGE_COUNTS = (1, 2, 4, 6, 12, 24)
SYNTHETIC_CODES = {
    "es": ["it", "pt", "ro", "ca", "gl", "eo"],
    "fr": ["nl", "da", "nb", "hu", "af", "nn"],
    "de": ["sv", "fi", "pl", "cs", "sk", "sl"],
    "ar": ["fa", "ur", "he", "ku"],
    "zh": ["ja", "ko", "th", "vi"],
}


def plan_languages(languages: list[dict], count: int) -> list[dict]:
    """`count` language entries for mkdocs.yml, the default (en) last. Up to the real number:
    the default plus the first count-1 translations. Beyond: synthetic languages, each with
    a `source` key naming the real folder it copies, taken from each real translation in turn."""
    default = next(lang for lang in languages if lang.get("default"))
    translations = [lang for lang in languages if not lang.get("default")]
    if count < 1:
        raise ValueError("at least one language")
    if count <= len(languages):
        return translations[:count - 1] + [default]
    used = {lang["locale"] for lang in languages}
    pools = {lang["locale"]: [c for c in SYNTHETIC_CODES.get(lang["locale"], []) if c not in used]
             for lang in translations}
    extra: list[dict] = []
    while len(translations) + len(extra) < count - 1:
        before = len(extra)
        for lang in translations:
            if pools[lang["locale"]] and len(translations) + len(extra) < count - 1:
                code = pools[lang["locale"]].pop(0)
                extra.append({**lang, "locale": code, "name": f"{lang['name']} ({code})", "source": lang["locale"]})
        if len(extra) == before:
            raise ValueError(f"not enough synthetic language codes for {count} languages")
    return translations + extra + [default]


def make_language_project(dest: Path, count: int, root: Path = ROOT) -> list[str]:
    """A copy of the project in `dest` with `count` languages; returns their codes (en last)."""
    copy_project(dest, root)
    config = dest / "mkdocs.yml"
    data = mkdocs_yaml.load(config.read_text(encoding="utf-8"))
    real = mkdocs_yaml.languages(data)
    plan = plan_languages(real, count)
    codes = [lang["locale"] for lang in plan]
    docs = dest / "docs"
    for lang in real:   # drop folders of languages left out (else they build as pages)
        if lang["locale"] not in codes:
            shutil.rmtree(docs / lang["locale"])
    for lang in plan:   # folders of synthetic languages: pages and strings.yml
        if "source" in lang:
            shutil.copytree(docs / lang["source"], docs / lang["locale"])
    mkdocs_yaml.set_languages(data, plan)
    config.write_text(mkdocs_yaml.dump(data), encoding="utf-8")
    return codes


def measure_languages(runs: int, counts=LANGUAGE_COUNTS, known: dict[int, dict] | None = None) -> dict:
    """Full build time of project copies with each number of languages, `runs` runs each (the
    growth budget needs the median of at least 3 at every point, 24 included). `known` gives
    results already measured: the real site's full build is the 6-language point (same
    mkdocs.yml, same pages). A count that fails to build is recorded with its error."""
    results = {}
    for count in counts:
        if known and count in known:
            results[str(count)] = {**known[count], "per_language_s": known[count]["median_s"] / count}
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}lang-") as folder:
            project = Path(folder) / "project"
            codes = make_language_project(project, count)
            log(f"{count} languages ({', '.join(codes)}), {runs} run(s)")
            try:
                summary = measure_build(mkdocs_cmd(project / "mkdocs.yml", strict=True), runs, cwd=project,
                                        label=f"{count} languages")
            except RuntimeError as error:   # one failing size should not lose the other measurements
                log(str(error))
                results[str(count)] = {"languages": codes, "runs": runs, "error": str(error)[-2000:]}
                continue
        results[str(count)] = {**summary, "languages": codes, "runs": runs,
                               "per_language_s": summary["median_s"] / count}
    return results


def linear_fit(points: dict[int, float]) -> tuple[float, float]:
    """Least-squares line t = a + b·n through the points; returns (a, b)."""
    xs, ys = list(points), list(points.values())
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    b = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return mean_y - b * mean_x, b
