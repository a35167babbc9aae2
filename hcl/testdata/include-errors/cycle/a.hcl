include = ["b.hcl"]
