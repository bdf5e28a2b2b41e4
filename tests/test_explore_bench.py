"""benchmarks/bench_explore.py measures what it says (the figures themselves are `make bench`'s)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_explore import bench_spiral_explorer  # noqa: E402


def test_spiral_bench_times_a_whole_run_with_its_redraws():
    """Catches: timing only the start of the task, or not counting the redraws it makes."""
    r = bench_spiral_explorer(1000)
    assert r["iterations"] == 1000 and r["redraws"] == 2   # at 500 and 1000
    assert 0 < r["iterations_per_second"] <= r["training_only_iterations_per_second"]
    assert r["busy_ms_max"] >= r["busy_ms_median"] > 0
