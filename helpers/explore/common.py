"""What both explorers share: a matplotlib figure shown as a PNG in an ``ipywidgets.Output``."""
import base64
import io
import numbers

from PIL import Image


def figure_png(fig):
    """PNG bytes of a matplotlib figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})  # fast to make, still small
    return buf.getvalue()


def canvas_png(canvas):
    """PNG bytes of what an Agg canvas holds now (after blitting: no new full draw)."""
    buf = io.BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(buf, "png", compress_level=1)
    return buf.getvalue()


def show_png(output, png, text="figure"):
    """Replace what ``output`` (an ``ipywidgets.Output``) shows by the image ``png`` (bytes); return ``png``.

    The output's ``outputs`` are set in one go (no ``with output:``): that also works from a task running
    between cell executions, and the old picture stays until the new one arrives (no flicker).
    """
    output.outputs = ({"output_type": "display_data", "metadata": {},
                       "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"<{text}>"}},)
    return png


def shown_png(output):
    """The PNG bytes ``output`` shows (b"" if none): what a test reads back."""
    for item in output.outputs:
        if "image/png" in item.get("data", {}):
            return base64.b64decode(item["data"]["image/png"])
    return b""


def html_table(headers, rows):
    """A small HTML table (str) of ``rows`` (lists of formatted cells) under ``headers``; numbers right-aligned."""
    def cell(tag, c):
        align = "right" if str(c).replace(".", "").replace(",", "").replace("-", "").isdigit() else "left"
        return f"<{tag} style='padding:0 8px;text-align:{align}'>{c}</{tag}>"

    head = "".join(cell("th", h) for h in headers)
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def positive_int(value, name):
    """``value`` as an int >= 1, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)
