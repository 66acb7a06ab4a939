"""Account documents: the statement of account and the cover page of a collection file."""
