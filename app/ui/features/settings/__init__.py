"""Settings menu: company details, letter and email templates."""
