target "app" {
  output = ["type=local,dest=out$${X}"]
  context = "dir$${Y}"
  dockerfile = "Df%%{Z}"
}
