"""PDF form fields for the handout: the page's tick boxes become check boxes and its notes area a
multi-line text field, so a patient can fill the PDF on a phone (WeasyPrint's pdf_forms turns
<input> and <textarea> into fields; handout.css draws them as the same boxes and lines as on paper).

Field names are stable and readable: `<section id>-<n>` for the n-th tick box under a heading
(`my-symptoms-1`, `questions-to-ask-3`: the ids are the same in every language), `notes` and
`clinic`. Each field's human label (`TU`, from the HTML title) is its text in the page's language.
"""

from __future__ import annotations

import html as html_lib
import re

CLINIC_FIELD = "clinic"
NOTES_FIELD = "notes"

_SECTION = re.compile(r'<h2 id="([\w-]+)"[^>]*>(.*?)</h2>', re.DOTALL)
_TICK_BOX = re.compile(r'<li class="task-list-item"><label class="task-list-control"><input [^>]*/?>'
                       r'<span class="task-list-indicator"></span></label>(.*?)</li>', re.DOTALL)
_NOTES = re.compile(r'<div class="notes-lines"></div>')


def plain_text(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def tick_box_html(name: str, label_html: str) -> str:
    """A tick box: the drawn square (.task-list-indicator) with a check box field inside it."""
    title = html_lib.escape(plain_text(label_html), quote=True)
    return (f'<li class="task-list-item"><label class="task-list-control"><span class="task-list-indicator">'
            f'<input type="checkbox" name="{name}" title="{title}"></span></label>{label_html}</li>')


def notes_html(name: str, label: str) -> str:
    return (f'<div class="notes-lines"><textarea class="notes-field" name="{name}" '
            f'title="{html_lib.escape(label, quote=True)}"></textarea></div>')


def with_form_fields(content: str) -> str:
    """The handout's content HTML with its tick boxes and notes area made into named fields."""
    parts = _SECTION.split(content)   # [before, id, heading, body, id, heading, body, ...]
    out = [_fields_in(parts[0], "tick", "")]
    notes_count = [0]
    for index in range(1, len(parts), 3):
        section, heading, body = parts[index], parts[index + 1], parts[index + 2]
        out.append(f'<h2 id="{section}">{heading}</h2>')
        out.append(_fields_in(body, section, plain_text(heading), notes_count))
    return "".join(out)


def _fields_in(body: str, section: str, heading: str, notes_count: list[int] | None = None) -> str:
    count = iter(range(1, 10_000))
    body = _TICK_BOX.sub(lambda m: tick_box_html(f"{section}-{next(count)}", m.group(1)), body)
    if notes_count is None:
        return body

    def notes(_match: re.Match) -> str:
        notes_count[0] += 1
        name = NOTES_FIELD if notes_count[0] == 1 else f"{NOTES_FIELD}-{notes_count[0]}"
        return notes_html(name, heading)
    return _NOTES.sub(notes, body)


# --- In the PDF --------------------------------------------------------------------------------

def finish_fields(document, pdf) -> None:
    """WeasyPrint finisher: every field gets an appearance for its blank state that draws nothing,
    so every viewer shows (and prints) the page's own boxes and lines and nothing else.

    WeasyPrint gives a check box only its ticked look and a text field none, and asks viewers to
    make their own (NeedAppearances): pdfium then draws a grey bevelled box for an unticked check
    box, Acrobat a border in the /MK colour. With an empty look for each blank field, no border
    colour and NeedAppearances off, viewers draw what the PDF says; a viewer still makes the look
    of text as it is typed, with the field's font (DA)."""
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if not form:
        return
    form["NeedAppearances"] = "false"
    for number in _referenced_numbers(form["Fields"]):
        field = pdf.objects[number]
        width = abs(field["Rect"][2] - field["Rect"][0])
        height = abs(field["Rect"][3] - field["Rect"][1])
        empty = pydyf.Stream([], {"Type": "/XObject", "Subtype": "/Form",
                                  "BBox": pydyf.Array((0, 0, width, height))})
        pdf.add_object(empty)
        if field.get("FT") == "/Btn":
            field["AP"]["N"]["Off"] = empty.reference
            field.pop("MK", None)   # its /BC would make viewers draw a border inside the square
        elif field.get("FT") == "/Tx" and "AP" not in field:
            field["AP"] = pydyf.Dictionary({"N": empty.reference})


def _referenced_numbers(references) -> list[int]:
    return [int(bytes(reference).split()[0]) for reference in references]
