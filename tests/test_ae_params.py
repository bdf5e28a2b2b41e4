"""autoencoder.ipynb's parameters: one line each in the first cell, all checked before any work."""
import json
import re
import time

import pytest

from conftest import run_notebook
from helpers.autoencoder.params import NOTEBOOK, ParameterError, check_parameters, notebook_defaults

LINE = re.compile(r"^([A-Z][A-Z0-9_]*) = (.+?)  # \S.*$")
# (parameter, bad value, what the message must say): every kind of mistake the check knows
BAD = [("NETID", "ab 123", "letters, digits"), ("NETID", 123, "letters, digits"),
       ("TRAIN_SUBSET", "abc", "None"), ("TRAIN_SUBSET", 5, "1,000"), ("TRAIN_SUBSET", 2000.0, "integer"),
       ("VALIDATION_FRACTION", 0, "(0, 0.5]"), ("STARTER_EPOCHS", {"shallow": 5, "deep": 10}, "denoise"),
       ("LOSS", "hinge", "'mse'"), ("LR_SCHEDULE", "step", "'cosine'"), ("EPOCHS_DEEP", -3, ">= 1"),
       ("EPOCHS_SWEEP", True, ">= 1"), ("CODE_SIZES", [], "non-empty"), ("CODE_SIZES", [8, 4], "increasing"),
       ("CODE_SIZES", [2, 1000], "784"), ("SHALLOW_SETTINGS", {"batch_size": 0, "learning_rate": 0.01,
                                                               "warmup_epochs": 1}, "batch_size"),
       ("DENOISE_SETTINGS", {"batch_size": 128, "learning_rate": 0.003}, "warmup_epochs"),
       ("NOISE_FACTOR", -0.1, "0 to 1"), ("EXAMPLES_PER_CLASS", 0, "1 to 10"), ("SEED", -1, ">= 0"),
       ("OUTPUT_DIR", "", "folder")]


def test_first_cell_is_the_parameters_cell_one_line_per_parameter():
    """Catches a parameter spread over lines (the runner rewrites single lines) or NETID not first."""
    cell = json.loads(NOTEBOOK.read_text())["cells"][0]
    assert cell["metadata"].get("tags") == ["parameters"]
    lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
    assert all(LINE.match(line) for line in lines), [line for line in lines if not LINE.match(line)]
    names = [LINE.match(line).group(1) for line in lines]
    assert names[0] == "NETID" and sorted(names) == sorted(notebook_defaults())


def test_defaults_pass_and_each_bad_value_is_named():
    """Catches a parameter left unchecked, or a message that does not name it."""
    check_parameters(notebook_defaults())
    for name, value, says in BAD:
        with pytest.raises(ParameterError, match=re.escape(name) + " must be .*" + re.escape(says)):
            check_parameters({**notebook_defaults(), name: value})
    with pytest.raises(ParameterError, match="SHALLOW_SETTINGS .*constant"):  # a combination
        check_parameters({**notebook_defaults(), "LR_SCHEDULE": "constant"})
    for name in notebook_defaults():  # every parameter is checked: None is wrong for all but TRAIN_SUBSET
        if name != "TRAIN_SUBSET":
            with pytest.raises(ParameterError, match=f"^{name} must be"):
                check_parameters({**notebook_defaults(), name: object()})


def test_notebook_stops_at_once_naming_the_parameter(tmp_path):
    """The notebook itself (a real kernel): a dozen bad sets, each fails within 20 s, one line naming it."""
    for k, (name, value, says) in enumerate(BAD[i] for i in (0, 2, 3, 6, 7, 8, 9, 11, 12, 14, 16, 18)):
        start = time.perf_counter()
        with pytest.raises(Exception) as failed:
            run_notebook("autoencoder", tmp_path / f"bad{k}", **{name: value})
        assert time.perf_counter() - start < 20, name
        message = str(failed.value).splitlines()[0]
        assert re.search(rf"ParameterError: {name} must be [^\n]*{re.escape(says)}", message), (name, message)
        assert not (tmp_path / f"bad{k}" / "autoencoder.json").exists()
