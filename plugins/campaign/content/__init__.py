"""The communication calendar: pieces, their review by the editorial board, consent, the magazine."""
