target "default" { args = { FROM = "hcl", HCL = "1" } }
