"""Run one notebook headlessly: the one runner that `make`, the tests and the benchmark share.

The run goes to build/.running/ and reaches OUTPUT only when every cell ran; Ctrl-C kills the kernel at once.
"""
import argparse
import ast
import io
import os
import re
import signal
import sys
import threading
import time
import tokenize
from pathlib import Path

EVAL = re.compile(r"\{eval\}`([^`]+)`")
HEADING = re.compile(r"^#{1,3}\s+(.+)$", re.M)
_LIVE = {}  # the kernel manager of the run under way, for the signal handler


class NotebookError(Exception):
    """A notebook that cannot run as asked (bad parameter, failed {eval}); the message says why."""


def set_parameters(nb, params):
    """Rewrite the single-line assignments of ``nb``'s first cell (tagged parameters) with ``params``."""
    cell = nb.cells[0] if nb.cells else None
    if cell is None or cell.cell_type != "code" or "parameters" not in cell.metadata.get("tags", []):
        raise NotebookError("the first cell is not the parameters cell (a code cell tagged 'parameters')")
    lines = cell.source.splitlines()
    where = {m.group(1): i for i, line in enumerate(lines) if (m := re.match(r"([A-Z_][A-Z0-9_]*)\s*=", line))}
    for name, value in params.items():
        if name not in where:
            raise NotebookError(f"unknown notebook parameter {name}: the parameters are {', '.join(where)}")
        comment = [t.string for t in tokenize.generate_tokens(io.StringIO(lines[where[name]]).readline)
                   if t.type == tokenize.COMMENT]
        new = f"{name} = {value!r}"
        ast.parse(new)
        lines[where[name]] = new + (f"  {comment[0]}" if comment else "")
    cell.source = "\n".join(lines)
    return nb


def shown_text(result, where):
    """The text a ``user_expressions`` result shows: its text/plain, a str without its quotes."""
    if result.get("status") != "ok":
        raise NotebookError(f"{where} failed: {result.get('ename')}: {result.get('evalue')}")
    text = result["data"].get("text/plain", "")
    try:
        value = ast.literal_eval(text) if text[:1] in "'\"" else None
    except (ValueError, SyntaxError):
        value = None
    return value if isinstance(value, str) else text


def _engine():
    """papermill's nbclient engine that writes each Markdown cell's {eval}`EXPR` (kernel user_expressions) into it."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine

    class BundleEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, kernel_kw, progress, start_timeout=60, **kw):
            async def markdown(cell, cell_index):  # nbclient's on_cell_start: before a cell runs or is skipped
                if cell.cell_type != "markdown":
                    return
                if progress:
                    progress.section(cell.source)
                exprs = {e: e for e in EVAL.findall(cell.source)}
                if exprs:
                    msg_id = client.kc.execute("", silent=True, store_history=False, user_expressions=exprs)
                    got = (await client.async_wait_for_reply(msg_id, cell))["content"].get("user_expressions", {})
                    shown = {e: shown_text(got[e], f"cell {cell_index}: {{eval}}`{e}`") for e in exprs}
                    cell.source = EVAL.sub(lambda m: shown[m.group(1)], cell.source)

            kw.pop("input_path", None)
            client = PapermillNotebookClient(nb_man, kernel_name=kernel_name, store_widget_state=False,
                                             startup_timeout=start_timeout, on_cell_start=markdown, **kw)
            return client.execute(**kernel_kw)  # kernel_kw: the kernel's start_kernel arguments

    return BundleEngine


class Progress:
    """Prints the section being run and the time so far: a line per section, ticking on a terminal."""

    def __init__(self, name):
        self.name, self.title, self.start, self.tty = name, "", time.time(), sys.stdout.isatty()
        if self.tty:
            threading.Thread(target=self._tick, daemon=True).start()

    def section(self, source):
        if m := HEADING.match(source):
            self.done()
            self.title = re.sub(r"[$*`\\]", "", m.group(1)).strip()
            self._line()

    def _line(self):
        text = f"    [{time.time() - self.start:4.0f} s] {self.name}: {self.title}"
        print(f"\r{text}\033[K" if self.tty else text, end="" if self.tty else "\n", flush=True)

    def _tick(self):
        while True:
            time.sleep(1)
            if self.title:
                self._line()

    def done(self):
        if self.tty and self.title:
            print()


def _kill_kernel(km):
    """Kill the kernel's whole process group and reap it, without running any event loop."""
    proc = getattr(getattr(km, "provisioner", None), "process", None)
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.wait()


def run_notebook(source, output, params=None, env=None, progress=False):
    """Execute ``source`` with ``params`` into ``output`` (all or nothing) -> its Path; NotebookError if it fails."""
    import nbformat
    import papermill as pm
    from jupyter_client.manager import KernelManager
    from papermill.engines import papermill_engines

    source, output = Path(source), Path(output)
    running = output.parent / ".running" / output.name
    running.parent.mkdir(parents=True, exist_ok=True)
    nb = set_parameters(nbformat.read(source, as_version=4), params or {})
    prepared, kernel_log = running.with_suffix(".source.ipynb"), running.with_suffix(".kernel.log")
    nbformat.write(nb, prepared)
    papermill_engines.register("bundle", _engine())
    km = _LIVE["km"] = KernelManager(kernel_name="python3")
    progress = Progress(source.stem) if progress else None
    try:
        with open(kernel_log, "ab") as log:  # the kernel's own output (TensorFlow's C++ start-up lines)
            kernel_kw = {"stdout": log, "stderr": log, **({"env": env} if env else {})}
            pm.execute_notebook(str(prepared), str(running), kernel_name="python3", km=km, engine_name="bundle",
                                cwd=str(source.resolve().parent), progress_bar=False, log_output=False,
                                progress=progress, kernel_kw=kernel_kw)
    except pm.PapermillExecutionError as e:
        raise NotebookError(f"{source} stopped in cell {e.exec_count}: {e.ename}: {e.evalue}\n"
                            f"       the executed copy up to there is {running}") from None
    finally:
        _kill_kernel(km)
        prepared.unlink(missing_ok=True)
        if progress:
            progress.done()
    done = nbformat.read(running, as_version=4)
    for cell in done.cells:
        if cell.cell_type == "code" and "explore" in cell.metadata.get("tags", []):
            cell.outputs = []  # live widgets: without a kernel they show only an error
    done.metadata.setdefault("papermill", {})["parameters"] = params or {}
    nbformat.write(done, running)
    os.replace(running, output)
    kernel_log.unlink(missing_ok=True)
    return output


def main():
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("output")
    ap.add_argument("--netid-file")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = ap.parse_args()
    params = {"NETID": Path(args.netid_file).read_text().strip()} if args.netid_file else {}
    params.update({name: yaml.safe_load(value) for name, value in args.p})
    output = Path(args.output)
    running = output.parent / ".running" / output.name

    def interrupted(*_):
        # the kernel runs in its own session: kill it, keep no half-run notebook, leave now (an event loop can block)
        _kill_kernel(_LIVE.get("km"))
        for leftover in (running, running.with_suffix(".source.ipynb")):
            leftover.unlink(missing_ok=True)
        print(f"\ninterrupted: {args.source} not run to the end; {output} left as it was", file=sys.stderr, flush=True)
        os._exit(130)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    print(f"==> Running {args.source}" + (f" (NetID {params['NETID']})" if "NETID" in params else ""), flush=True)
    start = time.time()
    try:
        run_notebook(args.source, output, params, progress=True)
    except NotebookError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"    {output} ({time.time() - start:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
