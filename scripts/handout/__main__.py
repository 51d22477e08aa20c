"""Make a handout PDF with your clinic's details, in any language and paper size.

    python -m scripts.handout --lang es --paper letter --clinic "Clínica Sol" \
        --phone "+34 900 000 000" --address "Calle Mayor 1, Madrid" --logo logo.png -o handout.pdf

Run it through ./scripts/run, which sets up everything first:

    ./scripts/run python -m scripts.handout --lang fr --paper a4 --clinic "…" -o fiche.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.handout.render import PAPERS, Clinic, HandoutError, render_pdf
from scripts.site_config import ROOT, SiteConfig


def main(argv: list[str] | None = None) -> int:
    config = SiteConfig(ROOT / "mkdocs.yml")
    parser = argparse.ArgumentParser(
        prog="python -m scripts.handout",
        description="Make the two-page patient handout as a PDF, with your clinic's details in the box.")
    parser.add_argument("--lang", required=True, help=f"language: {', '.join(config.codes)}")
    parser.add_argument("--paper", default="a4", help=f"paper size: {', '.join(PAPERS)} (default a4)")
    parser.add_argument("--clinic", default="", help="clinic name")
    parser.add_argument("--phone", default="", help="clinic phone number")
    parser.add_argument("--address", default="", help="clinic address")
    parser.add_argument("--logo", type=Path, help="clinic logo: a PNG, JPEG or SVG file")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the PDF")
    args = parser.parse_args(argv)

    clinic = Clinic(args.clinic.strip(), args.phone.strip(), args.address.strip(), args.logo)
    try:
        pdf = render_pdf(config, args.lang.strip().lower(), args.paper.strip().lower(), clinic)
    except HandoutError as error:
        print(f"Error: {error}\nNo PDF was written.", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(pdf)
    print(f"Wrote {args.output} ({args.lang}, {PAPERS[args.paper.strip().lower()][0]}, 2 pages at most).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
