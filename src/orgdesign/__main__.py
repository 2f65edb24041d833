"""`python -m orgdesign`: the command line, as the `orgdesign` script runs it."""

from orgdesign.cli.entry import main

if __name__ == "__main__":
    main()
