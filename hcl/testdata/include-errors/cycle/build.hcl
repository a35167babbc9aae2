include = ["a.hcl"]
