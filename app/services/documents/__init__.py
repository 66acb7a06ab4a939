"""Documents that leave the office: statements of account and collection files."""
