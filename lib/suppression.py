"""Small-count suppression for published tables: pure functions, no ORM, no request.

Every count from 1 to `threshold - 1` is shown as "<threshold" (the Counter-Trafficking Data
Collaborative publishes with k = 11, so 1 to 10 show as "<11"); 0 stays 0, because "nobody" does
not point at anyone. Suppressing a cell is not enough when its row or column total is shown: the
total minus the other cells gives it back. So secondary suppression hides a second entry in every
line (row or column, its total included) that would otherwise have exactly one hidden entry,
choosing the smallest non-zero count so as to hide as little as possible, until no line has
exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESSED = None  # a hidden count in a SuppressedTable


@dataclass(frozen=True)
class SuppressedTable:
    """Counts as they may be published: each is an int, or None where it is hidden."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...] | None
    column_totals: tuple[int | None, ...] | None
    total: int | None

    def all_counts(self) -> list[int | None]:
        counts = [count for row in self.cells for count in row]
        counts += list(self.row_totals or ()) + list(self.column_totals or ())
        return [*counts, self.total]


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppress(
    matrix: list[list[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> SuppressedTable:
    """Hide the small counts of `matrix` and enough others that totals give none of them back.

    `row_totals` and `column_totals` say which totals are published (a table with one column
    publishes no row totals: each would equal its only cell). The grand total is published with
    either.
    """
    rows = len(matrix)
    columns = len(matrix[0]) if matrix else 0
    # The grid: the matrix, each row's total in an extra column, each column's in an extra row.
    grid = [list(row) + [sum(row)] for row in matrix]
    grid.append([sum(row[j] for row in grid) for j in range(columns + 1)])
    shown = {(i, j) for i in range(rows + 1) for j in range(columns + 1)}
    if not row_totals:
        shown -= {(i, columns) for i in range(rows)}
    if not column_totals:
        shown -= {(rows, j) for j in range(columns)}
    if not (row_totals and column_totals):
        shown.discard((rows, columns))  # the total of totals: published below when it is one
    hidden = {cell for cell in shown if is_small(grid[cell[0]][cell[1]], threshold)}

    # Each published line: its cells and its total, when the total is published.
    lines = []
    if row_totals:
        lines += [[(i, j) for j in range(columns + 1)] for i in range(rows)]
        if column_totals:
            lines.append([(rows, j) for j in range(columns + 1)])
    if column_totals:
        lines += [[(i, j) for i in range(rows + 1)] for j in range(columns)]
        if row_totals:
            lines.append([(i, columns) for i in range(rows + 1)])
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            candidates = [c for c in line if c not in hidden and grid[c[0]][c[1]] > 0]
            if not candidates:
                continue  # everything else is 0: the hidden count is 0 too, and shown as such
            # The smallest count, a cell before the total (the last of the line).
            hidden.add(min(candidates, key=lambda c: (grid[c[0]][c[1]], c == line[-1])))
            changed = True

    def shown_count(i: int, j: int) -> int | None:
        return SUPPRESSED if (i, j) in hidden else grid[i][j]

    published_row_totals = (
        tuple(shown_count(i, columns) for i in range(rows)) if row_totals else None
    )
    published_column_totals = (
        tuple(shown_count(rows, j) for j in range(columns)) if column_totals else None
    )
    if row_totals and column_totals:
        total = shown_count(rows, columns)
    elif column_totals and columns == 1:  # one column: its total is the table's
        total = published_column_totals[0]
    elif row_totals and rows == 1:
        total = published_row_totals[0]
    else:
        total = None
    return SuppressedTable(
        cells=tuple(tuple(shown_count(i, j) for j in range(columns)) for i in range(rows)),
        row_totals=published_row_totals,
        column_totals=published_column_totals,
        total=total,
    )


def suppress_counts(counts: list[int], threshold: int, *, total: bool = True) -> SuppressedTable:
    """A one-column table: counts by category, with their total when it is published."""
    return suppress([[count] for count in counts], threshold, row_totals=False, column_totals=total)


def shown(count: int | None, threshold: int) -> str:
    """A published count as text: the number, or "<11"."""
    return f"<{threshold}" if count is SUPPRESSED else str(count)
