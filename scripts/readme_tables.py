"""README.md's tables, rendered from results/*.json (`make readme`; tests/test_committed_files.py checks them)."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _numpy_table(nb):
    r = nb["rows"]
    f32, ref, ker = r["trainer_float32"], r["reference_float64"], r["keras_fit_float32"]
    lines = [f"**numpy trainers** — {nb['network']}, {nb['num_iters']:,} full-batch iterations (median of "
             f"{nb['repeats']} interleaved repeats; seconds on 1 / 2 BLAS threads, the trainer's choice in bold)", "",
             "| what | seconds, 1 / 2 threads | ratio | train acc. | what it means |", "|---|---:|---:|---:|---|",
             f"| matrix products alone, float32 (the floor) | {f32['floor_seconds_1_thread']:.1f} / "
             f"{f32['floor_seconds_2_threads']:.1f} | 1.00 | — | the 8 products one iteration needs, nothing else, "
             "at their best thread count: no trainer can beat this |"]
    for name in ("float32", "float64"):
        row = r[f"trainer_{name}"]
        secs = [f"{row['seconds_1_thread']:.1f}", f"{row['seconds_2_threads']:.1f}"]
        secs[row["threads"] - 1] = f"**{secs[row['threads'] - 1]}**"
        lines.append(f"| `train_3_layer_network`, {name} | {' / '.join(secs)} | {row['trainer_over_floor']:.2f} × its "
                     f"floor, {row['trainer_over_reference']:.2f} × plain loop | {row['train_accuracy']:.3f} | "
                     f"{row['threads']} BLAS thread{'s' if row['threads'] > 1 else ''} "
                     f"({'measured best' if row['threads'] == row['best_threads'] else 'NOT the measured best'}); "
                     f"the {name} floor is {row['floor_seconds']:.1f} s |")
    return lines + [
        f"| plain starter-style loop, float64 | {ref['seconds_1_thread']:.1f} / {ref['seconds_2_threads']:.1f} | "
        f"1.00 at its best ({ref['best_threads']} thread{'s' if ref['best_threads'] > 1 else ''}) | "
        f"{ref['train_accuracy']:.3f} | "
        "`benchmarks/reference.py`: new arrays, boolean-mask ReLU backward and the loss every step |",
        f"| Keras `fit`, full batch, float32 | {ker['seconds']:.1f} | {ker['keras_over_trainer_float32']:.1f} × "
        f"ours | {ker['train_accuracy']:.3f} | a framework's per-step overhead dwarfs 300×100 products |"]


def _ae_table(ae):
    lines = ["", "**autoencoders** — seconds per epoch at our settings: Keras `model.fit` against the compiled-epoch "
             "path (`train_fast`), and the epoch's matrix-product floor (the same products and nothing else; the "
             "faster of a compiled TensorFlow loop and numpy float32); medians of repeats", "",
             "| model | batch | fit s / epoch | fast s / epoch | floor s / epoch | fit / floor | fast / floor "
             "| fit / fast |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for model, r in ae["models"].items():
        lines.append(f"| {model} | {r['batch_size']} | {r['fit_seconds_per_epoch']:.3f} | "
                     f"{r['fast_seconds_per_epoch']:.3f} | {r['floor_seconds_per_epoch']:.3f} | "
                     f"{r['fit_over_floor']:.1f} × | {r['fast_over_floor']:.2f} × | {r['fit_over_fast']:.1f} × |")
    nb = ae.get("notebook", {})
    if "training_seconds" in nb:  # (the committed record's notebook entry predates it)
        lines += ["", "Whole `autoencoder.ipynb`, full parameters, in the same bench run: "
                      f"{nb['notebook_seconds']:.0f} s, {nb['training_seconds']:.0f} s of it training "
                      "(the starter's three `model.fit` runs included)."]
    return lines


def _notebook_table(nbs):
    return ["", "**whole notebooks** — full papermill run (`make notebooks`): the notebook's own execution time "
            "(papermill's record, first cell to last) and the wall time of the whole `papermill` command "
            "(plus its start-up and the kernel's)", "",
            "| notebook | notebook seconds | command seconds |", "|---|---:|---:|",
            *(f"| `{name}.ipynb` ({r['params']}) | {r['notebook_seconds']:.0f} | {r['seconds']:.0f} |"
              for name, r in nbs.items())]


def _explore_table(ex):
    sp, ae = ex["spiral"], ex["autoencoders"]
    return ["", "**explorers** — the live widgets of 1(c) and 2(c), driven from Python as a click would drive them", "",
            "| what | measured |", "|---|---:|",
            "| spiral explorer, 3-layer H1 = H2 = 100: training with redraws | "
            f"{sp['iterations_per_second']:,} iterations/s |",
            f"| the same, training alone | {sp['training_only_iterations_per_second']:,} iterations/s |",
            f"| one redraw (median) | {sp['redraw_ms_median']:.0f} ms |",
            f"| longest wait of a click while it trains | {sp['busy_ms_max']:.0f} ms |",
            f"| autoencoder explorer, any slider or class pick (median / longest) | {ae['slider_ms_median']:.0f} / "
            f"{ae['slider_ms_max']:.0f} ms |",
            f"| autoencoder explorer, made over {len(ae['code_sizes'])} models and {ae['test_images']:,} test images | "
            f"{ae['make_seconds']:.1f} s |"]


def render(record):
    """The bench section from results/bench.json (its sections may be missing)."""
    m = record["machine"]
    lines = [f"Measured by `make bench` on {m['date']}: {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
             f"numpy {m['numpy']} (`results/bench.json`)." + (f" Note: {m['note']}." if m.get("note") else ""), ""]
    for key, table in (("numpy", _numpy_table), ("autoencoders", _ae_table), ("notebooks", _notebook_table),
                       ("explore", _explore_table)):
        if key in record:
            lines += table(record[key])
    return "\n".join(lines)


def render_results(minimal):
    """The 'Results of the full run' tables of Problem 1 from results/minimal_neural_network.json."""
    st = minimal["settings"]
    lines = ["**Problem 1** — numpy networks on the spiral (`results/minimal_neural_network.json`; held-out = "
             f"{3 * st['held_out_per_class']:,} points from another seed; 1(c) on a noisier spiral, "
             f"{st['c_per_class']} points per class, noise {st['c_noise']}, rounds of {st['c_iters']:,} steps)", "",
             "| network | parameters | train acc. | held-out acc. | final loss |", "|---|---:|---:|---:|---:|"]
    lines += ["| {} | {n_params:,} | {train_accuracy:.3f} | {held_out_accuracy:.3f} | "
              "{final_loss:.4f} |".format(name, **r) for name, r in minimal["networks"].items()]
    lines += ["", "| 1(c) | gap (points) | regions | boundary length | steps | loss change, last tenth "
              "| grid change, last tenth |", "|---|---:|---:|---:|---:|---:|---:|"]
    lines += ["| {} | {gap:.1f} | {regions:.0f} | {length:.1f} | {steps:,.0f} | {loss_change:.1f} % | "
              "{grid_change:.2f} % |".format(name, **e) for name, e in minimal["experiments"].items()]
    held = sum(c["holds"] for c in minimal["claims"].values())
    return "\n".join(lines + ["", f"Claims checked in this run: {held} of {len(minimal['claims'])} hold."])


def render_autoencoder(ae):
    """Problem 2's tables from results/autoencoder.json."""
    lines = [f"**Problem 2** — autoencoders on Fashion-MNIST (`results/autoencoder.json`; {ae['n_train']:,} training, "
             f"{ae['n_val']:,} validation, {ae['n_test']:,} test images; whole notebook {ae['total_seconds']:.0f} s). "
             "The starter's runs train on all 60,000 training images with `model.fit`, binary cross-entropy, batch "
             "32; ours with the settings of the notebook's parameters cell.", "",
             "| model | training | epochs | fit seconds | train MSE / pixel | test MSE / pixel "
             "| test L = mean ‖x − x̂‖² | PCA k = 32, test MSE |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in ae["models"].items():
        pca = r.get("pca", {}).get("test", {}).get("mse_per_pixel")
        model, _, who = name.partition("_")
        lines.append(f"| {model} | {'starter' if who else 'ours'} ({r['path']}) | {r['epochs_run']} | "
                     f"{r['fit_seconds']:.0f} | {r['train']['mse_per_pixel']:.5f} | {r['test']['mse_per_pixel']:.5f} | "
                     f"{r['test']['sse_per_image']:.2f} | {'' if pca is None else f'{pca:.5f}'} |")
    noisy = ae["models"]["denoise"]["noisy_input"]["test"]["mse_per_pixel"]
    runs = ae["sweep"]["runs"]
    lines += ["", "The denoisers' errors are of their output (from noisy test images) against the clean images; "
                  f"the PCA column projects the noisy images. The noisy input itself is {noisy:.5f} from the clean "
                  "images.", "",
              "Problem 2(c), shallow autoencoders by `code_size` (test MSE per pixel; PCA with k = code_size):", "",
              "| code_size | " + " | ".join(str(r["code_size"]) for r in runs) + " |", "|---|" + "---:|" * len(runs)]
    lines += [f"| {label} | " + " | ".join(f"{r[key]:.4f}" for r in runs) + " |"
              for label, key in (("train", "train_mse"), ("test", "test_mse"), ("PCA test", "pca_test_mse"))]
    return "\n".join(lines)


def sections():
    """``{(start, end): rendered text}`` for every marked section, from the committed records."""
    out = {}
    for name, tag, table in (("minimal_neural_network", "results", render_results),
                             ("autoencoder", "ae-results", render_autoencoder), ("bench", "bench", render)):
        path = ROOT / "results" / f"{name}.json"
        if path.exists():
            out[(f"<!-- {tag}:start -->", f"<!-- {tag}:end -->")] = table(json.loads(path.read_text()))
    return out


def replace_sections(text, rendered):
    for (start, end), body in rendered.items():
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: f"{start}\n{body}\n{end}", text, flags=re.S)
    return text


def update_readme(readme=ROOT / "README.md"):
    readme.write_text(replace_sections(readme.read_text(), sections()))


if __name__ == "__main__":
    update_readme()
