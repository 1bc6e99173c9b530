import xml.etree.ElementTree as ET

from evals.charts import bar_chart, line_chart


def test_bar_chart_is_valid_svg_with_escaped_labels_and_a_target_line():
    svg = bar_chart("ratio <raw>", [("a & b", 0.5, "0.50×"), ("c", 1.2, "1.20×")], marker=1.0, marker_label="target")
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "a & b" in texts and "ratio <raw>" in texts and "target" in texts
    widths = [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[1] > widths[0] > 0


def test_line_chart_places_points_in_order_on_a_log_axis():
    svg = line_chart("t", [1_000, 10_000, 100_000], {"p50": [0.1, 0.2, 0.4]}, x_label="chunks", y_label="s")
    root = ET.fromstring(svg)
    xs = [float(c.get("cx")) for c in root.iter("{http://www.w3.org/2000/svg}circle")]
    assert xs == sorted(xs) and abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.5  # equal steps per decade


def test_line_chart_draws_all_series_on_one_scale():
    svg = line_chart("t", [1_000, 10_000], {"a": [1.0, 2.0], "b": [0.5, 1.0]}, x_label="x", y_label="y")
    circles = list(ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}circle"))
    a_first, b_last = float(circles[0].get("cy")), float(circles[3].get("cy"))
    assert abs(a_first - b_last) < 0.01  # both are 1.0, so they sit at the same height
