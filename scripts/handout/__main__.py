"""Make a handout PDF with your clinic's details, in any language and paper size.

    python -m scripts.handout --lang es --paper letter --clinic "Clínica Sol" \
        --phone "+34 900 000 000" --address "Calle Mayor 1, Madrid" --logo logo.png -o handout.pdf

Add --with-english for the same handout with the English under each part (4 pages at most).

Run it through ./scripts/run, which sets up everything first:

    ./scripts/run python -m scripts.handout --lang fr --paper a4 --clinic "…" -o fiche.pdf
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts.handout.render import PAPERS, Clinic, HandoutError, render_pdf
from scripts.config.site import ROOT, SiteConfig


def _from_user(path: Path | None) -> Path | None:
    """A path as the person meant it: relative to the folder they ran ./scripts/run from."""
    if path is None or path.is_absolute():
        return path
    return Path(os.environ.get("RUN_FROM") or os.getcwd()) / path


def main(argv: list[str] | None = None, config: SiteConfig | None = None) -> int:
    """The command; `config` lets a caller that already has mkdocs.yml loaded (the tests) pass it."""
    config = config or SiteConfig(ROOT / "mkdocs.yml")
    parser = argparse.ArgumentParser(
        prog="python -m scripts.handout",
        description="Make the two-page patient handout as a PDF, with your clinic's details in the box.")
    parser.add_argument("--lang", required=True, help=f"language: {', '.join(config.codes)}")
    parser.add_argument("--paper", default="a4", help=f"paper size: {', '.join(PAPERS)} (default a4)")
    parser.add_argument("--clinic", default="", help="clinic name")
    parser.add_argument("--phone", default="", help="clinic phone number")
    parser.add_argument("--address", default="", help="clinic address")
    parser.add_argument("--logo", type=Path, help="clinic logo: a PNG, JPEG or SVG file")
    parser.add_argument("--with-english", action="store_true",
                        help="the English under each part too (up to 4 pages), for a clinician who reads only English")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the PDF")
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    args = parser.parse_args(argv)
    logo, output = _from_user(args.logo), _from_user(args.output)

    try:
        _check_output(output, logo, args.force)
        clinic = Clinic(args.clinic.strip(), args.phone.strip(), args.address.strip(), logo)
        pdf = render_pdf(config, args.lang.strip().lower(), args.paper.strip().lower(), clinic, args.with_english)
    except HandoutError as error:
        print(f"Error: {error}\nNo PDF was written.", file=sys.stderr)
        return 2
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pdf)
    pages = "4 pages at most, with English" if args.with_english else "2 pages at most"
    print(f"Wrote {output} ({args.lang}, {PAPERS[args.paper.strip().lower()]}, {pages}).")
    return 0


def _check_output(output: Path, logo: Path | None, force: bool) -> None:
    """Never destroy a file by accident: not the logo, not a folder, not an existing file without --force."""
    if output.is_dir():
        raise HandoutError(f"-o {output} is a folder. Give a file name, for example -o {output / 'handout.pdf'}.")
    if logo is not None and output.resolve() == logo.resolve():
        raise HandoutError(f"-o {output} is the logo file itself; writing the PDF would destroy the logo. "
                           "Choose another output file name.")
    if output.exists() and not force:
        raise HandoutError(f"{output} already exists. Choose another name, or add --force to replace it.")
    if output.suffix.lower() != ".pdf":
        raise HandoutError(f"-o {output} does not end in .pdf. Give a file name such as handout.pdf.")


if __name__ == "__main__":
    sys.exit(main())
