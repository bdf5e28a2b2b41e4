"""``make bench``'s "explore" section: the spiral's Train task on an event loop ("busy": the longest a click waits);
the autoencoder sliders on the real test set with untrained models of the notebook's shapes (same time)."""
import asyncio
import statistics
import time


def seconds(f, *args):
    t = time.perf_counter()
    f(*args)
    return time.perf_counter() - t


def ms(values, how=max):
    return round(1000 * how(values), 1)


def bench_spiral_explorer(num_iters):
    """Iterations/s of Train with redraws (wall clock, 3 layers, H1 = H2 = 100) and the longest busy stretch."""
    from helpers.explore.spiral import REDRAW_EVERY, explore_spiral

    ex = explore_spiral()
    ex.iterations.value = num_iters
    gaps, draws, draw = [], [], ex.draw
    ex.draw = lambda: draws.append(seconds(draw))

    async def run():
        task = ex.train()
        while not task.done():
            t = time.perf_counter()
            await asyncio.sleep(0)
            gaps.append(time.perf_counter() - t)

    wall = seconds(asyncio.run, run())  # the whole run, with its redraws (at every REDRAW_EVERY iterations)
    assert ex.iteration == num_iters and len(draws) == num_iters // REDRAW_EVERY and wall >= ex.seconds
    return {"iterations": num_iters, "iterations_per_second": round(num_iters / wall),
            "training_only_iterations_per_second": round(num_iters / ex.seconds), "redraws": len(draws),
            "redraw_ms_median": ms(draws, statistics.median), "busy_ms_max": ms(gaps),
            "busy_ms_median": ms(gaps, statistics.median),
            "train_accuracy": ex.curves["train_acc"][-1], "held_out_accuracy": ex.curves["held_acc"][-1]}


def bench_autoencoder_explorer(code_sizes):
    """Time to make explore_autoencoders on the real test set, and its sliders' response times."""
    from keras.datasets import fashion_mnist

    from helpers.autoencoder import PCA, build_deep_autoencoder, build_shallow_autoencoder
    from helpers.autoencoder.data import prepare_fashion_mnist
    from helpers.autoencoder.models import prepare_images
    from helpers.explore import explore_autoencoders

    prepare_fashion_mnist()
    (x_train, _), (x_test, y_test) = fashion_mnist.load_data()  # as the notebook loads it
    x_train, x_test = prepare_images(x_train[:10000]), prepare_images(x_test)
    pca, models = PCA.fit(x_train), {c: build_shallow_autoencoder(c, seed=0)[0] for c in code_sizes}
    deep, denoiser = build_deep_autoencoder(32, seed=0)[0], build_deep_autoencoder(32, seed=1)[0]
    encoder2 = build_shallow_autoencoder(2, seed=0)[1]
    t = time.perf_counter()
    ex = explore_autoencoders(models, x_test, y_test, pca, denoiser, deep, encoder2)
    made = time.perf_counter() - t

    def response(widget, values):
        return [seconds(setattr, widget, "value", v) for v in values]

    start = ex.code_size.value
    first = [v for v in ex.code_size.options if v != start]
    code = response(ex.code_size, first)                  # each size drawn for the first time
    again = response(ex.code_size, [start] + first[:-1])  # the same sizes again: kept pictures
    noise = response(ex.noise, [v for v in ex.noise.options if v != ex.noise.value])
    picker = response(ex.images, list(ex.choices)[1:4])   # redraws both pictures
    every = code + noise + picker
    return {"test_images": len(x_test), "code_sizes": list(code_sizes), "make_seconds": round(made, 2),
            "slider_ms_median": ms(every, statistics.median), "slider_ms_max": ms(every),
            "code_size_ms_max": ms(code), "noise_ms_max": ms(noise), "class_picker_ms_max": ms(picker),
            "drawn_before_ms_max": ms(again)}


def bench_explore(quick=False):
    """Both explorers' figures as a dict: {"spiral": ..., "autoencoders": ...}."""
    return {"spiral": bench_spiral_explorer(4000 if quick else 20000),
            "autoencoders": bench_autoencoder_explorer([2, 32] if quick else [2, 4, 8, 16, 32, 64, 128, 256])}
