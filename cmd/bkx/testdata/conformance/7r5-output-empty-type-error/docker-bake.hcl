target "default" {
  output = ["type=,dest=x"]
}
