"""Problem 1, live: train a spiral network with the 1(b) answer's code (the trainers' numbers, float32, one BLAS
thread) in chunks of ``CHUNK`` iterations on the kernel's event loop, so that Pause answers at once."""
import asyncio
import inspect
import time

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps, ticker
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from threadpoolctl import ThreadpoolController

from .common import SLIDER, Explorer, html_table, png, show_png
from ..minimal_nn import init_params, make_spiral, three_layer_loss_and_grads, two_layer_loss_and_grads
from ..minimal_nn.answer import softmax_cross_entropy

RECORD_EVERY = 100          # the trainers' default: loss (and the curves) recorded every 100 iterations
CHUNK = 100                 # iterations between two turns of the event loop (some 30 ms at H1 = H2 = 100)
REDRAW_EVERY = 500          # iterations between two pictures while training (a multiple of CHUNK)
HELD_OUT_PER_CLASS = 1000   # the held-out spiral: make_spiral(1000, noise=..., seed=1)
BOUNDARY_GRID, UNIT_GRID = 100, 24  # pixels a side: the boundary picture, one unit's map
EXTENT = 1.5                # pictures show the square [-1.5, 1.5]^2, as plot_spiral does
REGS = [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1]
COLUMNS = ["layers", "H1", "H2", "step", "reg", "noise", "seed", "iters", "train acc.", "held-out acc.",
           "final loss", "seconds"]


def grid(n):
    """(n*n, 2) points of an n x n grid over the picture's square, row by row from the bottom."""
    xx, yy = np.meshgrid(np.linspace(-EXTENT, EXTENT, n), np.linspace(-EXTENT, EXTENT, n))
    return np.c_[xx.ravel(), yy.ravel()].astype(np.float32)


def unit_mosaic(h1, n, gap=2):
    """h1 (n*n, H1) over the grid as one image of n x n tiles, each scaled by its unit's maximum (dead: dark)."""
    H1 = h1.shape[1]
    cols = min(H1, max(int(np.ceil(np.sqrt(H1))), int(np.ceil(H1 / 16))))
    out = np.full((-(-H1 // cols) * (n + gap) - gap, cols * (n + gap) - gap), np.nan, np.float32)
    peak = h1.max(axis=0)
    for j, tile in enumerate((h1 / np.where(peak > 0, peak, 1)).T.reshape(H1, n, n)):
        r, c = divmod(j, cols)
        out[r * (n + gap):r * (n + gap) + n, c * (n + gap):c * (n + gap) + n] = tile[::-1]  # image rows top down
    return out


class SpiralExplorer(Explorer):
    """The widgets of :func:`explore_spiral` (settings, ``*_button``, ``picture``, ``status``, ``table``) and their run
    (``params``, ``iteration``, ``loss_history`` as the trainers record it, ``curves``); a new setting: a new run."""

    def __init__(self):
        self.layers = widgets.ToggleButtons(options=[2, 3], value=3, description="layers", style=SLIDER["style"])
        self.H1, self.H2 = (widgets.IntSlider(100, 1, 200, description=name, **SLIDER) for name in ("H1", "H2"))
        self.step_size = widgets.FloatLogSlider(0.1, base=10, min=-3, max=0, step=0.1, description="step size",
                                                readout_format=".3g", **SLIDER)
        self.reg = widgets.SelectionSlider(options=REGS, value=0.0, description="reg", **SLIDER)
        self.iterations = widgets.IntSlider(20000, 500, 50000, step=500, description="iterations", **SLIDER)
        self.noise = widgets.FloatSlider(0.3, min=0.0, max=1.0, step=0.05, description="spiral noise", **SLIDER)
        self.seed = widgets.BoundedIntText(0, min=0, max=2**31 - 1, description="seed", style=SLIDER["style"],
                                           layout={"width": "200px"})
        buttons = []
        for name, tip in [("train", "train up to the set number of iterations"),
                          ("pause", "stop after the current chunk"), ("step", f"train {CHUNK} iterations"),
                          ("reset", "new initial weights (from seed)"), ("keep", "add this run to the table")]:
            buttons.append(widgets.Button(description=name.title(), tooltip=tip, layout={"width": "90px"}))
            buttons[-1].on_click(lambda button, act=getattr(self, name): act())
            setattr(self, f"{name}_button", buttons[-1])  # train_button, pause_button, ...
        self.picture, self.status, self.table = widgets.Output(), widgets.HTML(), widgets.HTML()
        for w in (self.layers, self.H1, self.H2, self.step_size, self.reg, self.noise, self.seed):
            w.observe(lambda change: self.reset(), "value")
        self.iterations.observe(lambda change: self.draw(), "value")  # the curves' x axis spans the iterations
        self.ui = widgets.VBox([widgets.HBox([widgets.VBox([self.layers, self.H1, self.H2, self.seed]),
                                              widgets.VBox([self.step_size, self.reg, self.iterations, self.noise])]),
                                widgets.HBox(buttons), self.status, self.picture, self.table])
        self.grid, self.unit_points = grid(BOUNDARY_GRID), grid(UNIT_GRID)
        self.kept, self.data_noise, self._task, self._blas = [], None, None, ThreadpoolController()
        self._figure()
        self.reset()

    @property
    def running(self):
        return self._task is not None and not self._task.done()

    @property
    def done(self):
        return self.diverged is not None or self.iteration >= self.iterations.value

    def reset(self):
        """Stop training; new data if the noise changed; initial weights from ``seed``; redraw."""
        self._task = None  # a running task sees this and stops
        s = self.run_settings = {  # the trainers' keywords, plus layers and the spiral's noise
            "layers": self.layers.value, "H1": self.H1.value, "H2": self.H2.value, "seed": self.seed.value,
            "step_size": float(self.step_size.value), "reg": float(self.reg.value),
            "num_iters": self.iterations.value, "noise": float(self.noise.value)}
        self.H2.disabled = s["layers"] == 2
        if self.data_noise != s["noise"]:  # the notebook's data: training spiral seed 0, held-out seed 1
            self.data_noise = s["noise"]
            self.X, self.y = make_spiral(noise=s["noise"])
            self.X_held, self.y_held = make_spiral(n_per_class=HELD_OUT_PER_CLASS, noise=s["noise"], seed=1)
            self.X, self.X_held = self.X.astype(np.float32), self.X_held.astype(np.float32)
            self._points.set_offsets(self.X)
            self._points.set_color(self._colors[self.y])
        self.params = init_params([2, *[s["H1"], s["H2"]][:s["layers"] - 1], 3], s["seed"], np.float32)
        self.loss_and_grads = inspect.unwrap(three_layer_loss_and_grads if s["layers"] == 3
                                             else two_layer_loss_and_grads)  # inputs are checked here once
        self.iteration, self.seconds, self.diverged, self.loss_history = 0, 0.0, None, []
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
                    (tl, ta), (hl, ha) = self.evaluate(X, y), self.evaluate(self.X_held, self.y_held)
                    for k, v in zip(self.curves, (i, tl, hl, ta, ha)):  # every 10 iterations at first,
                        self.curves[k].append(v)                        # where most of the change is
                for k in p:
                    p[k] -= step_size * grads[k]
                self.iteration += 1
        self.seconds += time.perf_counter() - t0

    def evaluate(self, X, y):
        """(mean cross-entropy without the penalty, accuracy) of the network on X (n, 2), y (n,)."""
        scores = self.loss_and_grads(self.params, X).astype(np.float64)  # the answer's forward pass
        return float(softmax_cross_entropy(scores, y)[0]), float(np.mean(scores.argmax(axis=1) == y))

    def train(self):
        """Train up to the set number of iterations in a task on the running event loop (the kernel's)."""
        if self.running or self.done:
            return self._show_status()
        try:
            self._task = asyncio.get_running_loop().create_task(self._train())
        except RuntimeError:
            raise RuntimeError("train() needs a running event loop, as in a Jupyter kernel; "
                               "elsewhere call advance(n)") from None
        self._show_status()
        return self._task

    async def _train(self):
        me = asyncio.current_task()
        while self._task is me and not self.done:  # Pause, Step, Reset or a new setting: another _task
            self.advance(CHUNK - self.iteration % CHUNK)  # chunks end on multiples of CHUNK
            if self.iteration % REDRAW_EVERY == 0 or self.done:
                self.draw()
            await asyncio.sleep(0)  # let the kernel handle clicks and slider moves
        if self._task is me:  # finished: not running any more
            self._task = None
            self._show_status()

    def pause(self, then_train=0):
        """Stop training now (a running task ends at its next turn), train ``then_train`` iterations, redraw."""
        self._task = None
        if then_train:
            self.advance(then_train)
        self.draw()

    def step(self):
        self.pause(then_train=CHUNK)

    def keep(self):
        """Add the run as it stands to the comparison table; returns its row (dict)."""
        s = self.run_settings
        row = {**s, "H2": s["H2"] if s["layers"] == 3 else None, "iterations": self.iteration,
               "train_accuracy": self.evaluate(self.X, self.y)[1],
               "held_out_accuracy": self.evaluate(self.X_held, self.y_held)[1],
               "final_loss": self.loss_history[-1][1] if self.loss_history else float("nan"),
               "seconds": round(self.seconds, 2)}
        self.kept.append(row)
        self.table.value = html_table(COLUMNS, [
            [r["layers"], r["H1"], r["H2"] or "", f"{r['step_size']:.3g}", f"{r['reg']:g}", f"{r['noise']:g}",
             r["seed"], f"{r['iterations']:,}", f"{r['train_accuracy']:.3f}", f"{r['held_out_accuracy']:.3f}",
             f"{r['final_loss']:.4f}", f"{r['seconds']:.1f}"] for r in self.kept])
        return row

    def _show_status(self):
        c, parts = self.curves, [f"iteration {self.iteration:,} of {self.iterations.value:,}"]
        if c["iteration"]:
            parts.append(f"accuracy: training {c['train_acc'][-1]:.3f}, held-out {c['held_acc'][-1]:.3f}"
                         f" (at iteration {c['iteration'][-1]:,})")
        if self.seconds:
            parts.append(f"{self.seconds:.1f} s of training")
        if self.diverged is not None:
            parts.append(f"<b>diverged at iteration {self.diverged:,}: lower the step size</b>")
        elif self.running or self.iteration:
            parts.append("training" if self.running else "done" if self.done else "paused")
        self.status.value = " &middot; ".join(parts)

    def _figure(self):
        """Build the figure once; :meth:`draw` pastes its saved background and draws only what changes (5x faster)."""
        self.fig = Figure(figsize=(12, 3.3), dpi=80)  # a fixed layout: a layout engine would redo it every time
        FigureCanvasAgg(self.fig)
        ax_b, ax_l, ax_a, ax_u = self._axes = self.fig.subplots(1, 4, width_ratios=[1, 1.1, 1.1, 1])
        self.fig.subplots_adjust(left=0.01, right=0.99, bottom=0.15, top=0.9, wspace=0.2)
        self._colors = colormaps["Spectral"](np.linspace(0, 1, 3))
        self._pale = (0.5 * self._colors[:, :3] + 0.5 * 0.83).astype(np.float32)  # the starter's alpha 0.5 on gray
        self._boundary = ax_b.imshow(np.zeros((BOUNDARY_GRID, BOUNDARY_GRID, 3)), origin="lower",
                                     extent=[-EXTENT, EXTENT] * 2, animated=True)  # animated: not in the background
        self._points = ax_b.scatter([], [], s=12, edgecolors="k", linewidths=0.3, animated=True)
        ax_b.set_xticks([]), ax_b.set_yticks([])
        ax_b.set_title("decision boundary", fontsize=10)
        self._lines = {}
        for ax, kind, title in ((ax_l, "loss", "cross-entropy"), (ax_a, "acc", "accuracy")):
            for part, style, label in (("train", "-", "training"), ("held", "--", "held-out")):
                self._lines[f"{part}_{kind}"], = ax.plot([], [], style, label=label, animated=True)
            ax.set_xlabel("iteration")
            ax.set_title(title, fontsize=10)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=8, loc="upper right" if kind == "loss" else "lower right")
            ax.set_xscale("symlog", linthresh=100, linscale=0.5)  # most of the change is in the first hundreds
            ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, pos: f"{v:,.0f}"))
        ax_l.set_yscale("log")
        ax_l.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))  # plain text: mathtext labels are slow
        ax_l.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax_a.set_ylim(0, 1.02)
        self._units = ax_u.imshow(np.zeros((2, 2)), cmap=colormaps["viridis"].with_extremes(bad="white"),
                                  vmin=0, vmax=1, animated=True)  # gaps between tiles are NaN: white
        ax_u.axis("off")
        self._changing = [self._boundary, self._points, *self._lines.values(), self._units]

    def draw(self):
        """Redraw the boundary, the curves and the unit maps from the current weights; update the status."""
        ax_b, ax_l, ax_a, ax_u = self._axes
        with self._blas.limit(limits=1, user_api="blas"):
            labels = self.loss_and_grads(self.params, self.grid).argmax(axis=1)
            mosaic = unit_mosaic(np.maximum(0, self.unit_points @ self.params["W1"] + self.params["b1"]), UNIT_GRID)
        self._boundary.set_data(self._pale[labels].reshape(BOUNDARY_GRID, BOUNDARY_GRID, 3))
        self._units.set_data(mosaic)
        for key, line in self._lines.items():
            line.set_data(self.curves["iteration"], self.curves[key])
        losses = np.array([v for v in self.curves["train_loss"] + self.curves["held_loss"] if v > 0] or [1.0])
        lo, hi = np.floor(np.log10(losses.min())), np.ceil(np.log10(losses.max()))  # decades around the curves
        lo, hi = 10.0 ** lo, 10.0 ** max(hi, lo + 1)
        if (self._background is None or lo < ax_l.get_ylim()[0] or hi > ax_l.get_ylim()[1]
                or ax_a.get_xlim()[1] != self.iterations.value):  # the background changes: draw it afresh
            ax_l.set_ylim(lo, hi)
            ax_l.set_xlim(0, self.iterations.value), ax_a.set_xlim(0, self.iterations.value)
            self._units.set_extent([0, mosaic.shape[1], mosaic.shape[0], 0])
            ax_u.set_title(f"first hidden layer, H1 = {self.params['W1'].shape[1]}", fontsize=10)
            self.fig.canvas.draw()  # all but the animated artists
            self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self.fig.canvas.restore_region(self._background)
        for a in self._changing:
            self.fig.draw_artist(a)
        show_png(self.picture, png(self.fig, redraw=False), "spiral explorer")
        self._show_status()


_last = None  # the explorer the last explore_spiral() call made


def explore_spiral():
    """A :class:`SpiralExplorer` on the notebook's spirals (training seed 0, held-out seed 1); a cell's last line."""
    global _last
    if _last is not None:  # the cell was run again: stop the training of the explorer it replaces
        _last.pause()
    _last = SpiralExplorer()
    return _last
