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
from scripts.tools.bench.timing import build_once, log, mkdocs_cmd, summarize
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


def measure_languages(runs: int, counts=LANGUAGE_COUNTS) -> dict:
    """Full build time (`mkdocs build --strict`) of a project copy with each number of languages,
    the real count included, so that every point is measured the same way. The runs go in
    rounds (each round builds every count once) so that other work on the machine weighs on all
    counts alike; each count's median is over the rounds. The growth budget needs at least 3 runs
    at every point, 24 included. A count that fails to build is recorded with its error and
    left out of the later rounds; the other counts go on."""
    samples: dict[int, list[dict]] = {count: [] for count in counts}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as folder:
        projects = {count: Path(folder) / f"{count}-languages" for count in counts}
        for count in counts:
            results[str(count)] = {"languages": make_language_project(projects[count], count), "runs": runs}
        for round_ in range(runs):
            log(f"round {round_ + 1}/{runs}: {', '.join(map(str, counts))} languages")
            for count in counts:
                if "error" in results[str(count)]:
                    continue
                try:
                    samples[count].append(build_once(mkdocs_cmd(projects[count] / "mkdocs.yml", strict=True),
                                                     cwd=projects[count], label=f"{count} languages"))
                except RuntimeError as error:   # one failing size should not lose the other measurements
                    log(str(error))
                    results[str(count)]["error"] = str(error)[-2000:]
    for count in counts:
        if "error" not in results[str(count)]:
            results[str(count)].update(summarize(samples[count]))
            results[str(count)]["per_language_s"] = results[str(count)]["median_s"] / count
    return results


def linear_fit(points: dict[int, float]) -> tuple[float, float]:
    """Least-squares line t = a + b·n through the points; returns (a, b)."""
    xs, ys = list(points), list(points.values())
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    b = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return mean_y - b * mean_x, b
