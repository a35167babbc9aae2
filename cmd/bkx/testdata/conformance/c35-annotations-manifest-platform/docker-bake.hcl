target "app" { annotations = ["manifest[linux/amd64]:a=b", "index,manifest:c=d"] }
