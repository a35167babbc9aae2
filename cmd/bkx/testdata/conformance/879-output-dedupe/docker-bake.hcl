target "default" {
  output = ["type=local,dest=a", "type=local,dest=a", { type = "local", dest = "a" }]
}
