target "default" {
  platforms = ["linux/amd64", ""]
  annotations = ["", "k=v"]
  ulimits = ["", "nofile=1"]
}
