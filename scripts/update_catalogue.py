#!/usr/bin/env python3
"""Rewrites the node catalogue of docs/nodes.md (between its catalogue markers) with the output
of `rill nodes --markdown`, so the committed catalogue is always the generated one (a CLI test
fails when it is stale)."""
import argparse
import subprocess
import sys

BEGIN = "<!-- catalogue:begin (rill nodes --markdown; make catalogue) -->\n"
END = "<!-- catalogue:end -->"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rill", required=True, help="the rill executable")
    ap.add_argument("--doc", required=True, help="the Markdown file holding the catalogue")
    args = ap.parse_args()
    text = open(args.doc, encoding="utf-8").read()
    b, e = text.find(BEGIN), text.find(END)
    if b < 0 or e < b:
        print(f"{args.doc}: catalogue markers not found", file=sys.stderr)
        return 1
    catalogue = subprocess.run([args.rill, "nodes", "--markdown"], check=True,
                               capture_output=True, text=True).stdout
    with open(args.doc, "w", encoding="utf-8") as f:
        f.write(text[:b + len(BEGIN)] + catalogue + text[e:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
