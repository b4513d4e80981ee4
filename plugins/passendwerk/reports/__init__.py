"""Anonymous figures of the programme: the funnel, placements, causes."""
