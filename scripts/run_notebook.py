"""Execute one notebook for build/ (the Makefile's notebook rule): all or nothing.

    python scripts/run_notebook.py NAME.ipynb build/NAME.ipynb --netid-file build/netid.txt [-p NAME VALUE]...

* papermill writes into ``build/.running/NAME.ipynb``; the notebook reaches ``build/NAME.ipynb`` only
  after every cell ran without an error (a failed run stays in ``build/.running/`` to look at), so an
  interrupted or failed run never leaves a half-executed notebook where the next `make` trusts it;
* Ctrl-C (SIGINT to the process group) or SIGTERM shuts the notebook's kernel down -- kernels run in a
  session of their own, which the terminal's Ctrl-C does not reach;
* the NetID comes from the stamp file (never through a shell), ``OUTPUT_DIR`` is the folder of the
  output, and ``-p NAME VALUE`` (VALUE as YAML: 300, [4, 32]) adds parameters, e.g. for the tests.
"""
import argparse
import os
import signal
import sys
import time
from pathlib import Path

import yaml


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("output")
    ap.add_argument("--netid-file", required=True)
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = ap.parse_args(argv)

    import papermill as pm
    from jupyter_client.manager import KernelManager

    output = Path(args.output)
    running = output.parent / ".running" / output.name
    running.parent.mkdir(parents=True, exist_ok=True)
    netid = Path(args.netid_file).read_text().strip()
    params = {"NETID": netid, "OUTPUT_DIR": str(output.parent)}
    params.update({name: yaml.safe_load(value) for name, value in args.p})

    kernel_log = running.with_suffix(".kernel.log")

    class QuietKernelManager(KernelManager):
        """The kernel's own stdout/stderr (TensorFlow's C++ start-up lines) go to a log file, not the terminal."""

        def start_kernel(self, **kw):
            log = open(kernel_log, "ab")
            return super().start_kernel(**{"stdout": log, "stderr": log, **kw})

    km = QuietKernelManager(kernel_name="python3")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(f"==> Running {args.source} (NetID {netid}) ...", flush=True)
    start = time.time()
    try:
        pm.execute_notebook(args.source, str(running), parameters=params, kernel_name="python3", km=km,
                            cwd=str(Path(args.source).resolve().parent), progress_bar=False, log_output=False)
    except KeyboardInterrupt:
        running.unlink(missing_ok=True)
        print(f"interrupted: {args.source} not run to the end; {output} left as it was", file=sys.stderr)
        return 130
    except pm.PapermillExecutionError as e:
        print(f"error: {args.source} stopped in cell {e.exec_count}: {e.ename}: {e.evalue}\n"
              f"       the executed copy up to there is {running} (kernel log: {kernel_log})", file=sys.stderr)
        return 1
    finally:
        if km.has_kernel:  # whatever happened above: no kernel is left behind
            km.shutdown_kernel(now=True)
    os.replace(running, output)
    kernel_log.unlink(missing_ok=True)
    print(f"    {output} ({time.time() - start:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
