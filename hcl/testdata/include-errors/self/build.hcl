include = ["*.hcl"] # ERROR: Include cycle
