"""The bodies of Jij doet ertoe: committee, working groups, editorial board, the board."""
