"""What is read from computed results: the comparison of reforms with today's law, its report,
and the explanation of one case's decisions."""
