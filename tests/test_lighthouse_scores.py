"""The judge of scripts/tools/lighthouse.sh: it fails the command when any score is below 100."""

import json

from scripts.tools.lighthouse_scores import main


def report(tmp_path, name: str, performance: float | None = 1.0, run: int = 1, **scores) -> str:
    categories = {"performance": {"score": performance}, "accessibility": {"score": 1.0},
                  "best-practices": {"score": 1.0}, "seo": {"score": 1.0}}
    for key, value in scores.items():
        categories[key.replace("_", "-")] = {"score": value}
    path = tmp_path / f"{name}-{run}.report.json"
    path.write_text(json.dumps({
        "finalDisplayedUrl": f"http://127.0.0.1/runners-dystonia/{name}/", "categories": categories,
        "audits": {"total-blocking-time": {"displayValue": "80\u00a0ms"}}}))
    return str(path)


def test_all_100_passes(tmp_path, capsys):
    assert main([report(tmp_path, "home"), report(tmp_path, "ar")]) == 0
    out = capsys.readouterr().out
    assert "PASS  http://127.0.0.1/runners-dystonia/ar/  performance 100" in out
    assert "TBT 80 ms" in out and out.rstrip().endswith("All 100")


def test_one_score_of_99_on_one_page_fails(tmp_path, capsys):
    assert main([report(tmp_path, "home"), report(tmp_path, "ar", performance=0.99)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  http://127.0.0.1/runners-dystonia/ar/  performance 99" in out
    assert "FAIL: a score is below 100" in out


def test_a_score_that_rounds_up_to_100_passes_and_one_that_rounds_down_fails(tmp_path):
    assert main([report(tmp_path, "home", performance=0.995)]) == 0
    assert main([report(tmp_path, "home", performance=0.994)]) == 1
    assert main([report(tmp_path, "home", performance=0.985)]) == 1   # 98.5 shows as 99, not 98


def test_an_unscored_or_missing_category_fails(tmp_path, capsys):
    assert main([report(tmp_path, "home", performance=None)]) == 1
    assert "performance 0" in capsys.readouterr().out
    assert main([report(tmp_path, "home", seo=None)]) == 1


def test_an_unreadable_report_fails_with_its_path(tmp_path, capsys):
    broken = tmp_path / "broken-1.report.json"
    broken.write_text("{not json")
    assert main([str(broken)]) == 1
    assert f"{broken}: cannot read this Lighthouse report" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.report.json")]) == 1


def test_no_report_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_several_runs_of_a_page_are_judged_by_their_median(tmp_path, capsys):
    one_low = [report(tmp_path, "ar", performance=score, run=run) for run, score in enumerate((1.0, 0.99, 1.0))]
    assert main([report(tmp_path, "home"), *one_low]) == 0
    out = capsys.readouterr().out
    assert "PASS  http://127.0.0.1/runners-dystonia/ar/  performance 100" in out
    assert "median of 3 runs, performance 100, 99, 100" in out
    two_low = [report(tmp_path, "ar", performance=score, run=run) for run, score in enumerate((0.99, 1.0, 0.98))]
    assert main(two_low) == 1
    assert "FAIL  http://127.0.0.1/runners-dystonia/ar/  performance 99" in capsys.readouterr().out


def test_of_two_runs_the_lower_counts(tmp_path):
    assert main([report(tmp_path, "ar", performance=1.0, run=1), report(tmp_path, "ar", performance=0.99, run=2)]) == 1
