"""`make submission`: check BUILD_DIR's five files (every cell ran, the NetID of BUILD_DIR/netid.txt in the first
cell and the PDFs), copy them to BUILD_DIR/submission/ and zip them with helpers/; exit 1 naming a bad file."""
import ast
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["minimal_neural_network", "autoencoder"]
NETID_LINE = re.compile(r"^NETID\s*=\s*(.+?)\s*(?:#.*)?$", re.M)
FILES = [f"{n}.ipynb" for n in NOTEBOOKS] + [f"{n}.pdf" for n in NOTEBOOKS] + ["gradients.pdf"]


def notebook_problems(path, netid):
    """What is wrong with an executed notebook: unexecuted or failed cells, another NetID."""
    nb = nbformat.read(str(path), as_version=4)
    problems = []
    setting = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and NETID_LINE.search(c.source)]
    first = NETID_LINE.search(nb.cells[0].source) if setting[:1] == [0] else None
    if first is None or ast.literal_eval(first.group(1)) != netid:
        problems.append(f"its first cell does not set NETID = {netid!r}")
    if setting[1:]:
        problems.append(f"cells {setting[1:]} set NETID too")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        if cell.get("execution_count") is None:
            problems.append(f"code cell {i} did not run")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            problems.append(f"code cell {i} failed ({errors[0].get('ename')})")
    return problems


def pdf_problems(path, netid):
    if shutil.which("pdftotext") is None:
        return []  # cannot read it back here; the notebook checks still hold
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    shown = f"NetID: {netid}" in text or f"NETID = '{netid}'" in text
    return [] if shown else [f"it does not show the NetID {netid}"]


def main(build):
    build = Path(build)
    netid = (build / "netid.txt").read_text().strip()
    bad = []
    for name in FILES:
        path = build / name
        check = notebook_problems if name.endswith(".ipynb") else pdf_problems
        bad += [f"{path}: {p}" for p in (check(path, netid) if path.is_file() else ["missing"])]
    if bad:
        print("error: the build is not one complete submission:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    out = build / "submission"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for old in build.glob("submission-*.zip"):
        old.unlink()
    archive = build / f"submission-{netid}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name in FILES:
            shutil.copy2(build / name, out / name)
            z.write(out / name, name)
        for f in sorted((ROOT / "helpers").rglob("*.py")):
            z.write(f, f.relative_to(ROOT).as_posix())
    print(f"==> Submission for NetID {netid}: the five files to hand in")
    for name in FILES:
        print(f"    {out / name}")
    print(f"    (and all of it with helpers/, which the notebooks import: {archive})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build"))
