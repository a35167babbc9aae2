target "app" { output = ["type=local,dest=a", { type = "tar", dest = "b" }] }
