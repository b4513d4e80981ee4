"""The evaluation of a subproject per period: input, throughput, output, feedback, and the
advisory committee's verdict."""
