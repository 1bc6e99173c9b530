from evals.tables import text_table


def test_labels_align_left_and_figures_right():
    lines = text_table(["", "n", "answer"], [["overall", "166", "0.977"], ["kind=[free]", "7", "-"]]).splitlines()
    assert lines[0].split() == ["n", "answer"] and set(lines[1]) == {"─"}
    overall, free = lines[2], lines[3]
    assert overall.startswith("overall") and free.startswith("kind=[free]"), "no markup eaten, labels on the left"
    assert overall.index("166") + 3 == free.index("7") + 1, "figures end in the same column"
    assert overall.endswith("0.977") and free.endswith("-") and len(overall) == len(free)


def test_all_figure_columns_and_no_wrapping():
    wide = ["x" * 120, "y" * 120]
    lines = text_table(["chunks", "a", "b"], [["1,000", *wide], ["10,000", "1", "2"]], left=0).splitlines()
    assert len(lines) == 4 and lines[2].lstrip().startswith("1,000") and lines[3].startswith("10,000")
    assert all(line == line.rstrip() for line in lines)
