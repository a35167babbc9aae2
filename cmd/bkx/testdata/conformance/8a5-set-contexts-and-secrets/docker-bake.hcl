target "default" {
  contexts = { other = "./o" }
}
