"""Small-count suppression, as a table of cases: primary (1-10 hidden) and secondary (no hidden
count can be recovered from a published total)."""

from __future__ import annotations

import itertools

import pytest

from lib.suppression import shown, suppress, suppress_counts

H = None  # hidden


@pytest.mark.parametrize(
    ("counts", "cells", "total"),
    [
        # nothing small: everything shown
        ([50, 20, 0], [50, 20, 0], 70),
        # zero is shown as zero; 11 is the first count shown
        ([0, 11, 30], [0, 11, 30], 41),
        # one small count: the next smallest non-zero is hidden with it
        ([5, 20, 30], [H, H, 30], 55),
        # two small counts already hide each other
        ([5, 7, 30], [H, H, 30], 42),
        # one count between 1 and 10 and only zeros besides: the total is small too
        ([0, 3, 0], [0, H, 0], H),
        # every count from 1 to 10 is hidden
        ([1, 10, 100], [H, H, 100], 111),
        # the only other non-zero count is hidden, however large
        ([4, 0, 0, 40], [H, 0, 0, H], 44),
    ],
)
def test_it_suppresses_a_column_of_counts(counts, cells, total):
    table = suppress_counts(counts, 11)
    assert [row[0] for row in table.cells] == cells
    assert table.total == total


def test_a_row_total_with_one_suppressed_cell_suppresses_a_second_one():
    table = suppress([[3, 40, 25], [30, 40, 50]], 11)
    # Row 1: 3 is hidden, so 25 (the smallest other) is hidden too.
    assert table.cells[0] == (H, 40, H)
    # Columns 1 and 3 now have one hidden cell each: a second one goes in each.
    assert table.cells[1] == (H, 40, H)
    assert table.row_totals == (68, 120)
    assert table.column_totals == (33, 80, 75)


@pytest.mark.parametrize(
    "matrix",
    [
        [[3, 40, 25], [30, 40, 50]],
        [[0, 5, 12], [12, 0, 30], [1, 1, 60]],
        [[9, 11], [11, 9]],
        [[2]],
        [[0, 0], [0, 4]],
        [[15, 2, 33, 0], [1, 50, 20, 8], [12, 12, 12, 12]],
    ],
)
def test_no_hidden_count_can_be_recovered_from_a_published_total(matrix):
    table = suppress(matrix, 11)
    rows, columns = len(matrix), len(matrix[0])
    every = [(table.cells[i][j], matrix[i][j]) for i in range(rows) for j in range(columns)]
    assert all(shown is None for shown, true in every if 0 < true < 11)
    # No line of the published grid has exactly one hidden entry.
    for i in range(rows):
        line = [*table.cells[i], table.row_totals[i]]
        assert sum(count is None for count in line) != 1
    for j in range(columns):
        line = [*(table.cells[i][j] for i in range(rows)), table.column_totals[j]]
        assert sum(count is None for count in line) != 1


def test_it_never_publishes_a_count_from_1_to_10():
    for matrix in itertools.product(range(0, 14, 3), repeat=4):
        table = suppress([list(matrix[:2]), list(matrix[2:])], 11)
        assert not any(count is not None and 0 < count < 11 for count in table.all_counts())


def test_the_threshold_is_a_parameter():
    assert suppress_counts([5, 40], 5).cells == ((5,), (40,))
    assert shown(None, 5) == "<5" and shown(0, 11) == "0"


def test_a_table_without_totals_hides_only_small_counts():
    table = suppress_counts([3, 40, 25], 11, total=False)
    assert [row[0] for row in table.cells] == [H, 40, 25]
    assert table.total is None
