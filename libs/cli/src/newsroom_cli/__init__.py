"""The newsroom command-line tool."""
