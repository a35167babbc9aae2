target "app" { ssh = [{ id = "default", paths = "docker-bake.hcl" }] }
