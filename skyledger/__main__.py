"""`python -m skyledger` runs the command line."""

from skyledger.cli import main

main(prog_name="skyledger")
