"""Problem 1, live: train a 2- or 3-layer spiral network with your own settings and watch it learn.

Training is the 1(b) answer's: ``init_params``, ``two_layer_loss_and_grads`` / ``three_layer_loss_and_grads``
and the update ``params[k] -= step_size * grads[k]``, on one BLAS thread in float32, so the same settings
give the same numbers as ``train_2_layer_network`` / ``train_3_layer_network``.  It runs in chunks of
``CHUNK`` iterations scheduled on the kernel's event loop: between chunks the kernel handles widget
clicks, so Pause answers at once and the page never freezes.
"""
import asyncio
import inspect
import time

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps, ticker
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from threadpoolctl import ThreadpoolController

from .common import canvas_png, html_table, positive_int, show_png
from ..minimal_nn import init_params, make_spiral, three_layer_loss_and_grads, two_layer_loss_and_grads

RECORD_EVERY = 100  # the trainers' default: loss (and the curves) recorded every 100 iterations
CHUNK = 100         # iterations between two turns of the event loop (some 30 ms at H1 = H2 = 100)
EXTENT = 1.5        # pictures show the square [-1.5, 1.5]^2, as plot_spiral does
REGS = [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1]
COLUMNS = ["layers", "H1", "H2", "step", "reg", "noise", "seed", "iters", "train acc.", "held-out acc.",
           "final loss", "seconds"]


def grid(n):
    """(n*n, 2) points of an n x n grid over the picture's square, row by row from the bottom."""
    t = np.linspace(-EXTENT, EXTENT, n)
    xx, yy = np.meshgrid(t, t)
    return np.c_[xx.ravel(), yy.ravel()].astype(np.float32)


def forward(params, X):
    """Hidden activations [h1, ...] and class scores (n, K) of a ReLU network, for inputs X (n, 2)."""
    hs, h = [], X
    n_layers = len(params) // 2
    for j in range(1, n_layers):
        h = np.maximum(0, h @ params[f"W{j}"] + params[f"b{j}"])
        hs.append(h)
    return hs, h @ params[f"W{n_layers}"] + params[f"b{n_layers}"]


def evaluate(params, X, y):
    """(mean cross-entropy, accuracy) of the network on X (n, 2), y (n,); no penalty term."""
    scores = forward(params, X)[1].astype(np.float64)
    scores -= scores.max(axis=1, keepdims=True)
    log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean()), float(np.mean(scores.argmax(axis=1) == y))


def unit_mosaic(h1, n, gap=2):
    """The first hidden layer's activations h1 (n*n, H1) over the grid as one image of n x n tiles.

    Each tile is scaled by its unit's maximum (a dead unit stays dark); at most about 16 tiles a row.
    """
    H1 = h1.shape[1]
    cols = min(H1, max(int(np.ceil(np.sqrt(H1))), int(np.ceil(H1 / 16))))
    rows = -(-H1 // cols)
    out = np.full((rows * (n + gap) - gap, cols * (n + gap) - gap), np.nan, np.float32)
    peak = h1.max(axis=0)
    tiles = (h1 / np.where(peak > 0, peak, 1)).T.reshape(H1, n, n)
    for j, tile in enumerate(tiles):
        r, c = divmod(j, cols)
        out[r * (n + gap):r * (n + gap) + n, c * (n + gap):c * (n + gap) + n] = tile[::-1]  # image rows top down
    return out


class SpiralExplorer:
    """The widgets of :func:`explore_spiral` and the run they drive (displaying it shows the widgets).

    Settings: ``layers``, ``H1``, ``H2``, ``step_size``, ``reg``, ``iterations``, ``noise``, ``seed``
    (changing any but ``iterations`` starts a fresh run); buttons ``train_button``, ``pause_button``,
    ``step_button`` (``CHUNK`` iterations), ``reset_button``, ``keep_button``; ``picture`` (an Output with
    the boundary, the curves and the unit maps), ``status`` and ``table`` (HTML).  The run: ``params``,
    ``iteration``, ``loss_history`` [(iteration, training loss with penalty)] as the trainers record it,
    ``curves`` (cross-entropy and accuracy on the training and the held-out spiral) and ``kept`` rows.
    """

    def __init__(self, redraw_every=500, held_out_per_class=1000, boundary_grid=100, unit_grid=24):
        self.redraw_every = positive_int(redraw_every, "redraw_every")
        if self.redraw_every % CHUNK:
            raise ValueError(f"redraw_every must be a multiple of {CHUNK}, got {redraw_every}")
        self.held_out_per_class = positive_int(held_out_per_class, "held_out_per_class")
        self.grid = grid(positive_int(boundary_grid, "boundary_grid"))  # the boundary picture's pixels
        self.unit_grid = positive_int(unit_grid, "unit_grid")            # a unit map's pixels a side
        self.unit_points = grid(self.unit_grid)
        style = {"description_width": "90px"}
        slider = dict(style=style, continuous_update=False)  # a move starts a fresh run: once, on release
        self.layers = widgets.ToggleButtons(options=[2, 3], value=3, description="layers", style=style)
        self.H1 = widgets.IntSlider(100, 1, 200, description="H1", **slider)
        self.H2 = widgets.IntSlider(100, 1, 200, description="H2", **slider)
        self.step_size = widgets.FloatLogSlider(0.1, base=10, min=-3, max=0, step=0.1, description="step size",
                                                readout_format=".3g", **slider)
        self.reg = widgets.SelectionSlider(options=REGS, value=0.0, description="reg", **slider)
        self.iterations = widgets.IntSlider(20000, 500, 50000, step=500, description="iterations", **slider)
        self.noise = widgets.FloatSlider(0.3, min=0.0, max=1.0, step=0.05, description="spiral noise", **slider)
        self.seed = widgets.BoundedIntText(0, min=0, max=2**31 - 1, description="seed", style=style,
                                           layout={"width": "200px"})
        self.train_button, self.pause_button, self.step_button, self.reset_button, self.keep_button = (
            widgets.Button(description=d, tooltip=t, layout={"width": "90px"}) for d, t in [
                ("Train", "train up to the set number of iterations"), ("Pause", "stop after the current chunk"),
                ("Step", f"train {CHUNK} iterations"), ("Reset", "new initial weights (from seed)"),
                ("Keep", "add this run to the table")])
        self.picture, self.status, self.table = widgets.Output(), widgets.HTML(), widgets.HTML()
        for w in (self.layers, self.H1, self.H2, self.step_size, self.reg, self.noise, self.seed):
            w.observe(lambda change: self.reset(), "value")
        self.train_button.on_click(lambda b: self.train())
        self.pause_button.on_click(lambda b: self.pause())
        self.step_button.on_click(lambda b: self.step())
        self.reset_button.on_click(lambda b: self.reset())
        self.keep_button.on_click(lambda b: self.keep())
        self.kept, self._generation, self._task, self._blas = [], 0, None, ThreadpoolController()
        self._figure()
        self.iterations.observe(lambda change: self.draw(), "value")  # the curves' x axis spans the iterations
        controls = widgets.HBox([widgets.VBox([self.layers, self.H1, self.H2, self.seed]),
                                 widgets.VBox([self.step_size, self.reg, self.iterations, self.noise])])
        buttons = widgets.HBox([self.train_button, self.pause_button, self.step_button, self.reset_button,
                                self.keep_button])
        self.ui = widgets.VBox([controls, buttons, self.status, self.picture, self.table])
        self.data_noise = None
        self.reset()

    def _ipython_display_(self):  # a cell's last line shows the widgets (ipywidgets 7 and 8 alike)
        from IPython.display import display

        display(self.ui)

    @property
    def settings(self):
        """The current settings as the trainers' keywords (plus ``layers`` and the spiral's ``noise``)."""
        return {"layers": self.layers.value, "H1": self.H1.value, "H2": self.H2.value,
                "step_size": float(self.step_size.value), "reg": float(self.reg.value),
                "num_iters": self.iterations.value, "noise": float(self.noise.value), "seed": self.seed.value}

    @property
    def running(self):
        return self._task is not None and not self._task.done() and self._task_generation == self._generation

    def reset(self):
        """Stop training; new data if the noise changed; initial weights from ``seed``; redraw."""
        self._generation += 1  # a running task sees this and stops
        s = self.settings
        self.H2.disabled = s["layers"] == 2
        if self.data_noise != s["noise"]:  # the notebook's data: training spiral seed 0, held-out seed 1
            self.X, self.y = make_spiral(noise=s["noise"])
            self.X_held, self.y_held = make_spiral(n_per_class=self.held_out_per_class, noise=s["noise"], seed=1)
            self.X, self.X_held = self.X.astype(np.float32), self.X_held.astype(np.float32)
            self.data_noise = s["noise"]
            self._points.set_offsets(self.X)
            self._points.set_color(self._colors[self.y])
        hidden = [s["H1"], s["H2"]][:s["layers"] - 1]
        self.params = init_params([2, *hidden, 3], s["seed"], np.float32)
        self.run_settings = s
        self.loss_and_grads = inspect.unwrap(three_layer_loss_and_grads if s["layers"] == 3
                                             else two_layer_loss_and_grads)  # inputs are checked here once
        self.iteration, self.seconds, self.diverged = 0, 0.0, None
        self.loss_history = []
        self.curves = {k: [] for k in ("iteration", "train_loss", "held_loss", "train_acc", "held_acc")}
        self._background = None  # a fresh run: new axis limits and titles
        self.draw()

    def advance(self, n):
        """Train ``n`` more iterations (fewer if the set number is reached or training diverges)."""
        p, X, y = self.params, self.X, self.y
        step_size, reg, num_iters = self.run_settings["step_size"], self.run_settings["reg"], self.iterations.value
        t0 = time.perf_counter()
        with self._blas.limit(limits=1, user_api="blas"):  # as the trainers: one thread is faster here
            for _ in range(min(n, num_iters - self.iteration)):
                i = self.iteration
                loss, grads = self.loss_and_grads(p, X, y, reg)
                if i % RECORD_EVERY == 0 or i == num_iters - 1:
                    if not np.isfinite(loss):
                        self.diverged = i
                        break
                    self.loss_history.append((i, float(loss)))
                if i % RECORD_EVERY == 0 or i == num_iters - 1 or (i < RECORD_EVERY and i % 10 == 0):
                    self._record(i)  # the curves: every 10 iterations at first, where most of the change is
                for k in p:
                    p[k] -= step_size * grads[k]
                self.iteration += 1
        self.seconds += time.perf_counter() - t0

    def _record(self, i):
        (tl, ta), (hl, ha) = evaluate(self.params, self.X, self.y), evaluate(self.params, self.X_held, self.y_held)
        for k, v in zip(self.curves, (i, tl, hl, ta, ha)):
            self.curves[k].append(v)

    @property
    def done(self):
        return self.diverged is not None or self.iteration >= self.iterations.value

    def train(self):
        """Train up to the set number of iterations in a task on the running event loop (the kernel's)."""
        if self.running or self.done:
            return self._show_status()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("train() needs a running event loop, as in a Jupyter kernel; "
                               "elsewhere call advance(n)") from None
        self._task, self._task_generation = loop.create_task(self._train(self._generation)), self._generation
        self._show_status()
        return self._task

    async def _train(self, generation):
        while self._generation == generation and not self.done:
            self.advance(CHUNK - self.iteration % CHUNK)  # chunks end on multiples of CHUNK
            if self.iteration % self.redraw_every == 0 or self.done:
                self.draw()
            await asyncio.sleep(0)  # let the kernel handle clicks and slider moves
        if self._generation == generation:
            self._generation += 1  # finished: not running any more
            self._show_status()

    def pause(self):
        """Stop training now (the task ends at its next turn) and show where it stands."""
        self._generation += 1
        self.draw()

    def step(self):
        """Pause, train ``CHUNK`` more iterations, redraw."""
        self._generation += 1
        self.advance(CHUNK)
        self.draw()

    def keep(self):
        """Add the run as it stands to the comparison table; returns its row (dict)."""
        s = self.run_settings
        train_acc = evaluate(self.params, self.X, self.y)[1]
        held_acc = evaluate(self.params, self.X_held, self.y_held)[1]
        row = {**s, "H2": s["H2"] if s["layers"] == 3 else None, "iterations": self.iteration,
               "train_accuracy": train_acc, "held_out_accuracy": held_acc,
               "final_loss": self.loss_history[-1][1] if self.loss_history else float("nan"),
               "seconds": round(self.seconds, 2)}
        self.kept.append(row)
        self.table.value = html_table(COLUMNS, [
            [r["layers"], r["H1"], r["H2"] or "", f"{r['step_size']:.3g}", f"{r['reg']:g}", f"{r['noise']:g}",
             r["seed"], f"{r['iterations']:,}", f"{r['train_accuracy']:.3f}", f"{r['held_out_accuracy']:.3f}",
             f"{r['final_loss']:.4f}", f"{r['seconds']:.1f}"] for r in self.kept])
        return row

    def _show_status(self):
        c = self.curves
        text = f"iteration {self.iteration:,} of {self.iterations.value:,}"
        if c["iteration"]:
            text += (f" &middot; accuracy: training {c['train_acc'][-1]:.3f}, held-out {c['held_acc'][-1]:.3f}"
                     f" (at iteration {c['iteration'][-1]:,})")
        if self.seconds:
            text += f" &middot; {self.seconds:.1f} s of training"
        if self.diverged is not None:
            text += f" &middot; <b>diverged at iteration {self.diverged:,}: lower the step size</b>"
        elif self.running:
            text += " &middot; training"
        elif self.iteration >= self.iterations.value:
            text += " &middot; done"
        elif self.iteration:
            text += " &middot; paused"
        self.status.value = text

    def _figure(self):
        """Build the figure once.  Axes, ticks and titles are drawn into a saved background; :meth:`draw`
        pastes it and draws only what changes (the pictures and the curves): about 5 times faster."""
        self.fig = Figure(figsize=(12, 3.3), dpi=80)  # a fixed layout: a layout engine would redo it every time
        self.canvas = FigureCanvasAgg(self.fig)
        ax_b, ax_l, ax_a, ax_u = self._axes = self.fig.subplots(1, 4, width_ratios=[1, 1.1, 1.1, 1])
        self.fig.subplots_adjust(left=0.01, right=0.99, bottom=0.15, top=0.9, wspace=0.2)
        self._colors = colormaps["Spectral"](np.linspace(0, 1, 3))
        self._pale = (0.5 * self._colors[:, :3] + 0.5 * 0.83).astype(np.float32)  # the starter's alpha 0.5 on gray
        n = int(np.sqrt(len(self.grid)))
        self._boundary = ax_b.imshow(np.zeros((n, n, 3)), origin="lower", extent=[-EXTENT, EXTENT] * 2)
        self._points = ax_b.scatter([], [], s=12, edgecolors="k", linewidths=0.3)
        ax_b.set_xticks([]), ax_b.set_yticks([])
        ax_b.set_title("decision boundary", fontsize=10)
        self._lines = {}
        for ax, kind, label in ((ax_l, "loss", "cross-entropy"), (ax_a, "acc", "accuracy")):
            for part, style in (("train", "-"), ("held", "--")):
                self._lines[f"{part}_{kind}"], = ax.plot([], [], style, label={"train": "training",
                                                                              "held": "held-out"}[part])
            ax.set_xlabel("iteration")
            ax.set_title(label, fontsize=10)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=8, loc="upper right" if kind == "loss" else "lower right")
        for ax in (ax_l, ax_a):  # most of the change is in the first few hundred iterations: log beyond 100
            ax.set_xscale("symlog", linthresh=100, linscale=0.5)
            ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, pos: f"{v:,.0f}"))
        ax_l.set_yscale("log")
        ax_l.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))  # plain text: mathtext labels are slow
        ax_l.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax_a.set_ylim(0, 1.02)
        self._units = ax_u.imshow(np.zeros((2, 2)), cmap=colormaps["viridis"].with_extremes(bad="white"),
                                  vmin=0, vmax=1)  # gaps between tiles are NaN: white
        ax_u.axis("off")
        self._changing = [self._boundary, self._points, *self._lines.values(), self._units]
        self._background = None

    def _loss_limits(self):
        """y limits of the loss panel: decades around the curves (fixed between full redraws)."""
        values = np.array(self.curves["train_loss"] + self.curves["held_loss"] or [1.0])
        values = values[values > 0] if np.any(values > 0) else np.array([1.0])
        lo, hi = np.floor(np.log10(values.min())), np.ceil(np.log10(values.max()))
        return 10.0 ** lo, 10.0 ** max(hi, lo + 1)

    def draw(self):
        """Redraw the boundary, the curves and the unit maps from the current weights; update the status."""
        ax_b, ax_l, ax_a, ax_u = self._axes
        n = int(np.sqrt(len(self.grid)))
        with self._blas.limit(limits=1, user_api="blas"):
            labels = forward(self.params, self.grid)[1].argmax(axis=1)
            mosaic = unit_mosaic(forward(self.params, self.unit_points)[0][0], self.unit_grid)
        self._boundary.set_data(self._pale[labels].reshape(n, n, 3))
        self._units.set_data(mosaic)
        c = self.curves
        for key, line in self._lines.items():
            line.set_data(c["iteration"], c[key])
        lo, hi = ax_l.get_ylim()
        new_lo, new_hi = self._loss_limits()
        if self._background is None or new_lo < lo or new_hi > hi or ax_a.get_xlim()[1] != self.iterations.value:
            ax_l.set_ylim(new_lo, new_hi)
            ax_l.set_xlim(0, self.iterations.value), ax_a.set_xlim(0, self.iterations.value)
            self._units.set_extent([0, mosaic.shape[1], mosaic.shape[0], 0])
            ax_u.set_title(f"first hidden layer, H1 = {self.params['W1'].shape[1]}", fontsize=10)
            for a in self._changing:
                a.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            for a in self._changing:
                a.set_visible(True)
        self.canvas.restore_region(self._background)
        for a in self._changing:
            self.fig.draw_artist(a)
        self.png = show_png(self.picture, canvas_png(self.canvas), "spiral explorer")
        self._show_status()


_shown = {}  # the explorer the last explore_spiral() call made


def explore_spiral(redraw_every=500, held_out_per_class=1000):
    """Widgets to train the spiral networks live: returns a :class:`SpiralExplorer` (a cell's last line shows it).

    The decision boundary, the curves and the first hidden layer's unit maps redraw every ``redraw_every``
    iterations (a multiple of 100).  Data: the notebook's spirals at the chosen noise, training seed 0
    (300 points) and held-out seed 1 (``held_out_per_class`` points per class).
    """
    explorer = SpiralExplorer(redraw_every, held_out_per_class)
    if "explorer" in _shown:  # the cell was run again: stop the training of the explorer it replaces
        _shown["explorer"].pause()
    _shown["explorer"] = explorer
    return explorer
