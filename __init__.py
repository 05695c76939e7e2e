"""examenbureau: the exam file of a Dutch secondary school, in a terminal.

The repository root is this package (see docs/design.md); the subpackages are `core` (the domain),
`tui` (Textual screens), `plugins` (rule packs), `cli` (command line) and `data` (reference
tables and the demo school).
"""

__version__ = "0.1.0"
