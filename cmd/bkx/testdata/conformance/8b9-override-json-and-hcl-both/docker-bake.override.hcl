target "default" { args = { FROM = "override-hcl" } }
