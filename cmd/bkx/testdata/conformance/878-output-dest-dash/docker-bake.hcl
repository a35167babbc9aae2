target "default" {
  output = ["type=tar,dest=-"]
}
