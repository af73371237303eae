"""Tables in an interview. A table of two columns whose rows ask questions ("Question |
Answer") holds the interview itself: each row becomes a question and its answer. Any other table
belongs to the text around it and is kept whole, as a Markdown table."""

from dataclasses import dataclass

from .blocks import PARAGRAPH, TABLE, Block
from .turns import question_shaped

MIN_QUESTION_ROWS = 2


@dataclass
class Cell:
    text: str = ""
    markdown: str = ""


def blocks_of_table(header, rows):
    """The blocks a table read as `header` (its heading row's cells, maybe empty) and `rows`
    (lists of Cell) stands for."""
    rows = [row for row in rows if any(cell.text for cell in row)]
    if asks_questions(rows):
        return [
            Block(PARAGRAPH, cell.text, markdown=cell.markdown)
            for row in rows
            for cell in row
            if cell.text
        ]
    if not header and rows:
        header, rows = rows[0], rows[1:]
    if not header:
        return []
    return [Block(TABLE, table_text(header, rows), markdown=table_markdown(header, rows))]


def asks_questions(rows):
    asked = sum(
        1 for row in rows if len(row) == 2 and question_shaped(row[0].text, strict=False)
    )
    return asked >= MIN_QUESTION_ROWS and all(len(row) == 2 for row in rows)


def table_text(header, rows):
    return " / ".join(" ".join(cell.text for cell in row) for row in [header, *rows])


def table_markdown(header, rows):
    width = len(header)
    lines = [markdown_row(header, width), "|" + " --- |" * width]
    lines += [markdown_row(row, width) for row in rows]
    return "\n".join(lines)


def markdown_row(cells, width):
    cells = [*cells, *[Cell()] * (width - len(cells))][:width]
    return "| " + " | ".join(cell.markdown.replace("|", "\\|") for cell in cells) + " |"
