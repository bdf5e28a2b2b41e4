"""Resolve requirements.txt, wheels only, as each supported platform and Python would (`make check-platforms`)."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORMS = {  # uv's name: what a reader calls it
    "x86_64-unknown-linux-gnu": "Linux x86_64",
    "aarch64-unknown-linux-gnu": "Linux aarch64 (e.g. Docker on Apple silicon)",
    "aarch64-apple-darwin": "macOS arm64 (Apple silicon)",
    "x86_64-pc-windows-msvc": "Windows x86_64",
}
PYTHONS = ["3.11", "3.12", "3.13"]


def resolve(platform, python):
    """(ok, {package: version}, error text) of resolving requirements.txt for one platform/Python."""
    here = Path(sys.executable).with_name("uv.exe" if sys.platform == "win32" else "uv")  # from requirements.txt
    uv = str(here) if here.exists() else shutil.which("uv")
    if not uv:
        sys.exit("error: uv not found (it is in requirements.txt: run `make` or `pip install uv`)")
    # uv evaluates environment markers for the target (`pip --platform`: this machine); certificates: the system's
    proc = subprocess.run([uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--system-certs",
                           "--only-binary", ":all:", "--python-platform", platform, "--python-version", python,
                           str(ROOT / "requirements.txt")], capture_output=True, text=True, timeout=600)
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", proc.stdout, re.M))
    return proc.returncode == 0, {k.lower(): v for k, v in pins.items()}, proc.stderr.strip()


def main():
    failed = 0
    for platform, label in PLATFORMS.items():
        for python in PYTHONS:
            ok, pins, err = resolve(platform, python)
            tf = next((f"{k}=={pins[k]}" for k in ("tensorflow-cpu", "tensorflow") if k in pins), None)
            if ok and tf and "keras" in pins and "numpy" in pins:
                print(f"ok    {label:46s} Python {python}: {tf}, keras=={pins['keras']}, "
                      f"numpy=={pins['numpy']} ({len(pins)} packages)")
            else:
                failed += 1
                print(f"FAIL  {label:46s} Python {python}: " + (err.splitlines()[-1] if err else "no TensorFlow"))
    print(f"{len(PLATFORMS) * len(PYTHONS) - failed} of {len(PLATFORMS) * len(PYTHONS)} platform/Python pairs resolve")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
