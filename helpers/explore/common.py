"""What both explorers share: display, sliders that answer on release, PNG pictures in an Output, tables."""
import base64
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

# A slider move draws a new picture: once, on release, not once per pixel dragged.
SLIDER = {"continuous_update": False, "style": {"description_width": "90px"}}


class Explorer:
    """Displaying an explorer (a cell's last line) shows its widgets ``self.ui`` (ipywidgets 7 and 8 alike)."""

    def _ipython_display_(self):
        from IPython.display import display

        display(self.ui)


def png(fig, redraw=True):
    """PNG bytes of a matplotlib figure, drawn afresh or (``redraw=False``) as its Agg canvas holds it (blitted)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if redraw:
        canvas.draw()
    buf = io.BytesIO()  # compress_level 1: fast to make, still small
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(buf, "png", compress_level=1)
    return buf.getvalue()


def show_png(output, png_bytes, text="figure"):
    """Make ``output`` (an ``ipywidgets.Output``) show ``png_bytes``: set in one go, which works from a task between
    cells (``with output:`` does not) and keeps the old picture until the new one is there (no flicker)."""
    output.outputs = ({"output_type": "display_data", "metadata": {}, "data": {
        "image/png": base64.b64encode(png_bytes).decode("ascii"), "text/plain": f"<{text}>"}},)


def shown_png(output):
    """The PNG bytes ``output`` shows (b"" if none): what a test reads back."""
    found = [item["data"]["image/png"] for item in output.outputs if "image/png" in item.get("data", {})]
    return base64.b64decode(found[0]) if found else b""


def html_table(headers, rows):
    """A small HTML table (str) of ``rows`` (lists of formatted cells) under ``headers``; numbers right-aligned."""
    def cell(tag, c):
        align = "right" if str(c).replace(".", "").replace(",", "").replace("-", "").isdigit() else "left"
        return f"<{tag} style='padding:0 8px;text-align:{align}'>{c}</{tag}>"

    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{''.join(cell('th', h) for h in headers)}</tr></thead><tbody>{body}</tbody></table>"
