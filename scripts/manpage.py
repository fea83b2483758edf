#!/usr/bin/env python3
"""Writes backmap's man page from the commands' own help, so the two cannot drift.

Usage: scripts/manpage.py BACKMAP_BINARY > docs/backmap.1

Every command, argument and option comes from `backmap --experimental-dump-help`
(swift-argument-parser's description of the command tree), the version from
`backmap --version`, and EXAMPLES from the "Use" block of README.md. Only the
sections no command describes (FILES, ENVIRONMENT, EXIT STATUS) are written here.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def roff(text):
    """Text as roff prints it: backslashes escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def paragraphs(text):
    """Help text keeps its blank-line paragraphs; single newlines are wrapping only."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        out.append(roff(" ".join(line.strip() for line in block.splitlines())))
    return "\n.PP\n".join(out)


# Options every command takes: described once, under OPTIONS, not under each command.
GLOBAL = {"store", "ascii", "version", "help"}


def shown(arguments, skip_global=False):
    return [a for a in arguments or [] if a.get("shouldDisplay", True)
            and not (skip_global and (a.get("preferredName") or {}).get("name") in GLOBAL)]


def name_of(argument):
    names = argument.get("names") or []
    spelled = []
    for name in names:
        dash = "-" if name["kind"] == "short" else "--"
        spelled.append(dash + name["name"])
    return ", ".join(spelled)


def synopsis_item(argument):
    value = argument.get("valueName", "value")
    if argument["kind"] == "positional":
        item = "\\fI" + roff(value) + "\\fR"
    elif argument["kind"] == "flag":
        item = "\\fB" + roff(name_of(argument).split(", ")[-1]) + "\\fR"
    else:
        item = "\\fB" + roff(name_of(argument).split(", ")[-1]) + "\\fR \\fI" + roff(value) + "\\fR"
    if argument.get("isRepeating"):
        item += " ..."
    if argument.get("isOptional"):
        item = "[" + item + "]"
    return item


def describe_arguments(arguments, skip_global=False):
    out = []
    for argument in shown(arguments, skip_global):
        if argument["kind"] == "positional":
            head = "\\fI" + roff(argument.get("valueName", "value")) + "\\fR"
        elif argument["kind"] == "flag":
            head = "\\fB" + roff(name_of(argument)) + "\\fR"
        else:
            head = "\\fB" + roff(name_of(argument)) + "\\fR \\fI" + roff(argument.get("valueName", "value")) + "\\fR"
        body = argument.get("abstract", "")
        if argument.get("discussion"):
            body += "\n\n" + argument["discussion"]
        out.append(".TP\n" + head + "\n" + paragraphs(body or " "))
    return "\n".join(out)


def command_section(command, path):
    """One subcommand: synopsis line, abstract, discussion, arguments; nested ones after."""
    name = " ".join(path)
    items = " ".join(synopsis_item(a) for a in shown(command.get("arguments"), skip_global=True))
    out = [".SS \\fB" + roff(name) + "\\fR " + items]
    if command.get("abstract"):
        out.append(paragraphs(command["abstract"]))
    if command.get("discussion"):
        out.append(".PP\n" + paragraphs(command["discussion"]))
    described = describe_arguments(command.get("arguments"), skip_global=True)
    if described:
        out.append(".RS\n" + described + "\n.RE")
    for sub in command.get("subcommands") or []:
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            out.append(command_section(sub, path + [sub["commandName"]]))
    return "\n".join(out)


def readme_examples():
    """The everyday commands of README.md's "Use" section, as a person types them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Use", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    examples = []
    for line in block.strip().splitlines():
        command, _, comment = line.partition("#")
        command = command.strip().replace("swift run backmap", "backmap", 1)
        examples.append((command, comment.strip()))
    return examples


FILES = r"""
.TP
\fI$BACKMAP_HOME/\fR
The store: a folder of mode 0700 that backmap creates on first use. Its files are 0600.
.TP
\fIsessions/<id>.json\fR
One session per file, pretty\-printed JSON with sorted keys (see \fIsession.schema.json\fR).
.TP
\fItrash/\fR
Sessions removed from the list; move a file back to \fIsessions/\fR to restore it.
.TP
\fIsessions.index\fR
A cache of what the list and trends need of each session, rebuilt when missing or stale.
.TP
\fIlocks/\fR
One lock per session open in an editor, so that a second editor is refused.
"""

ENVIRONMENT = r"""
.TP
.B BACKMAP_HOME
The store folder, unless \fB\-\-store\fR names one.
.TP
.B XDG_DATA_HOME
Without \fBBACKMAP_HOME\fR, the store is \fI$XDG_DATA_HOME/backmap\fR (default \fI~/.local/share/backmap\fR).
.TP
.B NO_COLOR
When set and not empty, nothing is coloured; glyphs still tell the levels apart.
.TP
.B COLUMNS
The width printed output fits, when standard output is not a terminal that says its own width.
.TP
.B TERM
The terminal type; the interactive program needs one with cursor addressing.
"""

EXIT_STATUS = r"""
.TP
.B 0
Success.
.TP
.B 1
An error, described in one sentence on standard error: no such session, a bad file, a store that cannot be read or written.
.TP
.B 64
The command line could not be parsed; \fB\-\-help\fR shows how to use the command.
.TP
.B 128+N
Ended by signal N, after saving and giving the terminal back.
"""


def main():
    binary = sys.argv[1]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True,
                             text=True).stdout.split()[0]
    top = dump["command"]
    out = [
        '.\\" Generated by scripts/manpage.py from the commands\' own help; do not edit.',
        '.TH BACKMAP 1 "" "backmap ' + version + '" "User Commands"',
        ".SH NAME",
        "backmap \\- " + roff(top.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B backmap",
        "[\\fIoptions\\fR] [\\fIcommand\\fR] [\\fIargs\\fR]",
        ".SH DESCRIPTION",
        paragraphs(top.get("discussion", "")),
        ".SH OPTIONS",
        describe_arguments(top.get("arguments")),
        ".PP\nEvery command also takes \\fB\\-\\-store\\fR, \\fB\\-\\-ascii\\fR and \\fB\\-\\-help\\fR.",
        ".SH COMMANDS",
    ]
    for sub in top.get("subcommands") or []:
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            out.append(command_section(sub, ["backmap", sub["commandName"]]))
    out += [".SH FILES", FILES.strip(), ".SH ENVIRONMENT", ENVIRONMENT.strip(),
            ".SH EXIT STATUS", EXIT_STATUS.strip(), ".SH EXAMPLES"]
    for command, comment in readme_examples():
        out.append(".TP\n.B " + roff(command) + "\n" + roff(comment[:1].upper() + comment[1:] + "."))
    sys.stdout.write("\n".join(part for part in out if part) + "\n")


if __name__ == "__main__":
    main()
