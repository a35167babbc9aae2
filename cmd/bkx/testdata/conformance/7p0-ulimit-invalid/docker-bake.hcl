target "default" {
  ulimits = ["nofile=abc"]
}
