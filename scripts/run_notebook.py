"""Run one notebook headlessly: the one runner that `make`, the tests and the benchmark share.

    python scripts/run_notebook.py NAME.ipynb build/NAME.ipynb [--netid-file F] [-p NAME VALUE]...

* Parameters are written into the notebook's first cell (tagged ``parameters``) itself, so the
  executed copy has one parameters cell and its first cell holds the NetID; each parameter is one
  line ``NAME = value  # comment`` there. An unknown name stops the run before any kernel starts.
* Markdown cells may show run-dependent values with MyST's inline role ``{eval}`EXPR` ``: when the
  run reaches such a cell, EXPR is evaluated in the kernel (the Jupyter protocol's
  ``user_expressions``) and its text is written into the Markdown of the executed copy.
* papermill writes into ``build/.running/NAME.ipynb``; the notebook reaches ``build/NAME.ipynb``
  only after every cell ran, so an interrupted or failed run never leaves a half-executed notebook
  where the next `make` trusts it.  Ctrl-C kills the kernel (in its own session, out of the
  terminal's reach) at once and exits.
* One progress line per section (on a terminal, a status line that keeps the time ticking).
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


class NotebookError(Exception):
    """A notebook that cannot run as asked (bad parameter, failed {eval}); the message says why."""


def set_parameters(nb, params):
    """Rewrite the single-line assignments of ``nb``'s first cell (tagged parameters) with ``params``."""
    cell = nb.cells[0] if nb.cells else None
    if cell is None or cell.cell_type != "code" or "parameters" not in cell.metadata.get("tags", []):
        raise NotebookError("the first cell is not the parameters cell (a code cell tagged 'parameters')")
    lines = cell.source.splitlines()
    where = {}
    for i, line in enumerate(lines):
        m = re.match(r"([A-Z_][A-Z0-9_]*)\s*=", line)
        if m:
            where[m.group(1)] = i
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


def shown_text(result):
    """The text a ``user_expressions`` result shows: its text/plain, a str without its quotes."""
    if result.get("status") != "ok":
        raise NotebookError(f"{result.get('ename')}: {result.get('evalue')}")
    text = result["data"].get("text/plain", "")
    if text[:1] in "'\"":
        try:
            value = ast.literal_eval(text)
            if isinstance(value, str):
                return value
        except (ValueError, SyntaxError):
            pass
    return text


def resolve(nb):
    """Write each evaluated ``{eval}`` into its Markdown; clear the outputs of cells tagged ``explore``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "user_expressions" in cell.metadata:
            results = {e["expression"]: shown_text(e["result"]) for e in cell.metadata.pop("user_expressions")}
            cell.source = EVAL.sub(lambda m: results[m.group(1)], cell.source)
        if cell.cell_type == "code" and "explore" in cell.metadata.get("tags", []):
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    return nb


def _client_class():
    from nbclient.util import run_sync
    from papermill.clientwrap import PapermillNotebookClient

    class BundleClient(PapermillNotebookClient):
        """papermill's client, plus ``{eval}`` in Markdown cells and a progress line per section."""

        progress = None

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if cell.cell_type == "markdown":
                if self.progress:
                    self.progress.section(cell.source)
                exprs = list(dict.fromkeys(EVAL.findall(cell.source)))
                if exprs:
                    msg_id = self.kc.execute("", silent=True, store_history=False,
                                             user_expressions={str(i): e for i, e in enumerate(exprs)})
                    reply = await self.async_wait_for_reply(msg_id, cell)
                    got = reply["content"].get("user_expressions", {})
                    cell.metadata["user_expressions"] = [{"expression": e, "result": got[str(i)]}
                                                         for i, e in enumerate(exprs)]
                    for e in cell.metadata["user_expressions"]:
                        try:
                            shown_text(e["result"])
                        except NotebookError as err:
                            raise NotebookError(f"cell {cell_index}: {{eval}}`{e['expression']}` failed: {err}")
                return cell
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

        execute_cell = run_sync(async_execute_cell)  # the base class binds its own coroutine

    return BundleClient


class Progress:
    """Prints the section being run and the time so far: a line per section, ticking on a terminal."""

    def __init__(self, name, stream=None):
        self.name, self.stream, self.start = name, stream or sys.stdout, time.time()
        self.title = ""
        self.tty = self.stream.isatty()
        if self.tty:
            threading.Thread(target=self._tick, daemon=True).start()

    def section(self, source):
        m = HEADING.search(source)
        if m and m.start() == 0:
            if self.tty and self.title:
                self.stream.write("\n")
            self.title = re.sub(r"[$*`\\]", "", m.group(1)).strip()
            self._line()

    def _line(self):
        text = f"    [{time.time() - self.start:4.0f} s] {self.name}: {self.title}"
        self.stream.write(("\r" + text + "\033[K") if self.tty else text + "\n")
        self.stream.flush()

    def _tick(self):
        while True:
            time.sleep(1)
            if self.title:
                self._line()

    def done(self):
        if self.tty and self.title:
            self.stream.write("\n")


_LIVE = {}  # the kernel manager of the run under way, for the signal handler


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
    """Execute ``source`` with ``params`` into ``output`` (all or nothing); return ``output`` as a Path.

    ``env``: the kernel's environment (default: this process's).  Raises NotebookError with the
    reason when a parameter is unknown, a cell fails or an ``{eval}`` does not evaluate.
    """
    import nbformat
    import papermill as pm
    from jupyter_client.manager import KernelManager
    from papermill.engines import NBClientEngine, papermill_engines

    source, output = Path(source), Path(output)
    running = output.parent / ".running" / output.name
    running.parent.mkdir(parents=True, exist_ok=True)
    nb = set_parameters(nbformat.read(source, as_version=4), params or {})
    prepared = running.with_suffix(".source.ipynb")
    nbformat.write(nb, prepared)
    kernel_log = running.with_suffix(".kernel.log")
    client = _client_class()
    client.progress = Progress(source.stem) if progress else None

    class QuietKernelManager(KernelManager):
        """The kernel's own stdout/stderr (TensorFlow's C++ start-up lines) go to a log file."""

        def start_kernel(self, **kw):
            log = open(kernel_log, "ab")
            return super().start_kernel(**{"stdout": log, "stderr": log, **({"env": env} if env else {}), **kw})

    class BundleEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            kwargs.pop("input_path", None)
            return client(nb_man, kernel_name=kernel_name, store_widget_state=False,
                          startup_timeout=kwargs.pop("start_timeout", 60), **kwargs).execute()

    papermill_engines.register("bundle", BundleEngine)
    km = _LIVE["km"] = QuietKernelManager(kernel_name="python3")
    try:
        pm.execute_notebook(str(prepared), str(running), kernel_name="python3", km=km, engine_name="bundle",
                            cwd=str(source.resolve().parent), progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as e:
        raise NotebookError(f"{source} stopped in cell {e.exec_count}: {e.ename}: {e.evalue}\n"
                            f"       the executed copy up to there is {running}") from None
    finally:
        _kill_kernel(km)
        prepared.unlink(missing_ok=True)
        if client.progress:
            client.progress.done()
    done = resolve(nbformat.read(running, as_version=4))
    done.metadata.setdefault("papermill", {})["parameters"] = params or {}
    nbformat.write(done, running)
    os.replace(running, output)
    kernel_log.unlink(missing_ok=True)
    return output


def main(argv=None):
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("output")
    ap.add_argument("--netid-file")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = ap.parse_args(argv)
    params = {}
    if args.netid_file:
        params["NETID"] = Path(args.netid_file).read_text().strip()
    params.update({name: yaml.safe_load(value) for name, value in args.p})
    output = Path(args.output)
    running = output.parent / ".running" / output.name

    def interrupted(*_):
        # Ctrl-C reaches this process (the kernel runs in its own session): kill the kernel, keep no
        # half-run notebook, and leave at once -- running the event loop again here can block.
        _kill_kernel(_LIVE.get("km"))
        for leftover in (running, running.with_suffix(".source.ipynb")):
            leftover.unlink(missing_ok=True)
        print(f"\ninterrupted: {args.source} not run to the end; {output} left as it was", file=sys.stderr,
              flush=True)
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
