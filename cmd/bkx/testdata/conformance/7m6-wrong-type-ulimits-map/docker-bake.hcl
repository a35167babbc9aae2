target "default" {
  ulimits = { nofile = "1:2" }
}
