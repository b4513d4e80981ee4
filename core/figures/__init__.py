"""The programme's figures: targets counted on any date, their trend per quarter, and the
quarter figures the team publishes for everyone."""
