include = ["svc/build.hcl"]
