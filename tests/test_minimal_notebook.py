"""minimal_neural_network.ipynb runs end to end (quick parameters) and shows its results."""
import json


def outputs(path):
    nb = json.loads(path.read_text())
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def test_notebook_runs_without_errors_and_shows_every_figure(executed_notebook):
    path, record = executed_notebook("minimal_neural_network")
    outs = outputs(path)
    assert not [o for o in outs if o["output_type"] == "error"]
    assert not [o for o in outs if o.get("name") == "stderr"], "stderr boxes in the notebook"
    images = [o for o in outs if "image/png" in o.get("data", {})]
    assert len(images) >= 10  # data, 2 + 3-layer boundaries, five experiments, loss curves, panels
    text = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", "")) for o in outs)
    assert "NetID: test123" in text
    assert "def train_3_layer_network(H1=100, H2=100" in text  # the 1(b) answer is shown


def test_notebook_records_every_network(executed_notebook):
    _, record = executed_notebook("minimal_neural_network")
    nets = record["networks"]
    assert record["settings"]["num_iters"] == 300
    assert len(nets) == 7 and sum(k.startswith("(c") for k in nets) == 5  # 1(c): three to five networks
    for row in nets.values():
        assert 0 <= row["held_out_accuracy"] <= 1 and row["num_iters"] == 300 and row["train_seconds"] > 0
